using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Ml.Sdk.Monitoring.Tests.Alerts.TestSupport;

/// <summary>
/// A real HTTP server on 127.0.0.1 (an <see cref="HttpListener"/> on a free port) that records every request and answers the
/// n-th one as its script says: a status code, optionally after holding the request for a while.
/// </summary>
internal sealed class LocalWebhookServer : IAsyncDisposable
{
    private static readonly TimeSpan s_waitLimit = TimeSpan.FromSeconds(30);

    private readonly HttpListener _listener = new();
    private readonly Func<int, WebhookReply> _script;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private readonly Lock _lock = new();
    private readonly Task _acceptLoop;
    private int _requestCount;

    private LocalWebhookServer(Func<int, WebhookReply> script)
    {
        _script = script;
        Url = new Uri($"http://127.0.0.1:{FreePort()}/hooks/alerts/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>Gets the address the server listens on.</summary>
    public Uri Url { get; }

    /// <summary>Gets how many requests have arrived (their bodies read).</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>Gets the requests in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Starts a server that answers request n (1-based) with <paramref name="script"/>(n).</summary>
    public static LocalWebhookServer Start(Func<int, WebhookReply> script) => new(script);

    /// <summary>Starts a server that answers the requests with these status codes in turn, and 200 after them.</summary>
    public static LocalWebhookServer Start(params int[] statusCodes) =>
        new(n => new WebhookReply(n <= statusCodes.Length ? statusCodes[n - 1] : 200));

    /// <summary>Completes once at least <paramref name="count"/> requests have arrived; fails after 30 s so a broken test cannot hang.</summary>
    public Task WaitForRequestsAsync(int count)
    {
        lock (_lock)
        {
            if (_requestCount >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task.WaitAsync(s_waitLimit);
        }
    }

    /// <summary>A port nobody listens on (bound and released at once), for connection-refused tests.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Close();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is ObjectDisposedException or HttpListenerException or InvalidOperationException)
        {
            // The listener was closed under a pending accept; that is how the loop ends.
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is ObjectDisposedException or HttpListenerException or InvalidOperationException)
            {
                return;
            }

            _ = HandleAsync(context);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, context.Request.ContentEncoding);
            string body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys
                .Where(k => k is not null)
                .ToDictionary(k => k!, k => context.Request.Headers[k] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
            _requests.Enqueue(new RecordedRequest(context.Request.HttpMethod, context.Request.Url?.AbsolutePath ?? string.Empty, context.Request.ContentType, headers, body));

            int number;
            lock (_lock)
            {
                number = ++_requestCount;
                foreach ((int count, TaskCompletionSource signal) in _waiters.Where(w => w.Count <= number).ToArray())
                {
                    signal.TrySetResult();
                    _waiters.Remove((count, signal));
                }
            }

            WebhookReply reply = _script(number);
            if (reply.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(reply.Delay, _stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    // Stopping: answer at once so that nothing is left hanging.
                }
            }

            context.Response.StatusCode = reply.StatusCode;
            if (reply.StatusCode is >= 300 and < 400)
            {
                context.Response.RedirectLocation = "http://127.0.0.1:1/elsewhere";
            }

            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            // The client gave up on this request (an attempt timeout) or the server is stopping.
        }
    }
}
