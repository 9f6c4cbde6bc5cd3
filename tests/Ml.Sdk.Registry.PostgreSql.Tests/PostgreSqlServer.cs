using System.Diagnostics;

namespace Ml.Sdk.Registry.PostgreSql.Tests;

/// <summary>
/// The PostgreSQL server the tests use: <c>MLSDK_POSTGRES_URL</c> when set, else the project's private cluster,
/// started by <c>eng/postgres.sh start</c> (once per test run) and addressed by <c>eng/postgres.sh url</c>.
/// </summary>
public static class PostgreSqlServer
{
    private static readonly Lazy<string> s_connectionString = new(Locate, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Gets a connection string for a role that may create databases, on the database <c>postgres</c>.</summary>
    public static string ConnectionString => s_connectionString.Value;

    private static string Locate()
    {
        string? url = Environment.GetEnvironmentVariable("MLSDK_POSTGRES_URL");
        if (!string.IsNullOrWhiteSpace(url))
        {
            return url;
        }

        string script = FindScript();
        RunScript(script, "start");
        return RunScript(script, "url").Trim();
    }

    private static string FindScript()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "eng", "postgres.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Found no eng/postgres.sh above the test folder; set MLSDK_POSTGRES_URL to a PostgreSQL server instead.");
    }

    private static string RunScript(string script, string command)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(command);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"eng/postgres.sh {command} did not finish in 5 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"eng/postgres.sh {command} failed with exit code {process.ExitCode}:\n{error.Result}");
        }

        return output;
    }
}
