using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SharedFeatureStore;

/// <summary>A redis-server (installed by eng/bootstrap.sh) on a free local port, without persistence, stopped on dispose.</summary>
public sealed class ThrowawayRedis : IDisposable
{
    private readonly Process _process;

    private ThrowawayRedis(Process process, int port)
    {
        _process = process;
        Configuration = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Gets the StackExchange.Redis configuration string of the server.</summary>
    public string Configuration { get; }

    public static async Task<ThrowawayRedis> StartAsync()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        Process process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        var server = new ThrowawayRedis(process, port);
        for (int attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        server.Dispose();
        throw new InvalidOperationException($"redis-server did not accept connections on port {port}.");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
