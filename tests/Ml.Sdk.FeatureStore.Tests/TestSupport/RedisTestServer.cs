using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ml.Sdk.FeatureStore.Tests.TestSupport;

/// <summary>
/// A redis-server of the test class's own (an xunit class fixture): in-memory only, on a free loopback port, killed
/// when the class's tests are done. redis-server comes from eng/bootstrap.sh; without it the tests fail, never skip.
/// </summary>
public sealed class RedisTestServer : IAsyncLifetime
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(20);

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _log = [];
    private Process? _process;

    /// <summary>Gets the loopback port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>
    /// Gets a StackExchange.Redis configuration string for the server, with admin commands allowed (FLUSHDB, CLIENT LIST,
    /// SCRIPT FLUSH) and short timeouts so that a broken server fails a test quickly.
    /// </summary>
    public string Configuration =>
        string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port},allowAdmin=true,connectTimeout=2000,syncTimeout=5000,asyncTimeout=5000");

    public async Task InitializeAsync()
    {
        Port = FreeLoopbackPort();
        var startInfo = new ProcessStartInfo("redis-server")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in (string[])["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "notice"])
        {
            startInfo.ArgumentList.Add(argument);
        }

        try
        {
            _process = Process.Start(startInfo) ?? throw new InvalidOperationException("Process.Start returned no redis-server process.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("redis-server is not on PATH: run eng/bootstrap.sh, which installs it (Debian package redis-server).", e);
        }

        // The server logs this line once it accepts connections; reading the log avoids polling the port.
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException(
            $"redis-server exited before accepting connections on port {Port}:{Environment.NewLine}{LogText()}"));
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            await _ready.Task.WaitAsync(s_startTimeout);
        }
        catch (TimeoutException e)
        {
            await DisposeAsync();
            throw new InvalidOperationException($"redis-server did not get ready on port {Port} within {s_startTimeout}:{Environment.NewLine}{LogText()}", e);
        }
    }

    public Task DisposeAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            try
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }

            process.Dispose();
        }

        return Task.CompletedTask;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Add(line);
        }

        if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    private string LogText()
    {
        lock (_log)
        {
            return string.Join(Environment.NewLine, _log);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
