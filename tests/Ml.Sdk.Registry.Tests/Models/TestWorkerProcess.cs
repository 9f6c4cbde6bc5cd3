using System.Diagnostics;

namespace Ml.Sdk.Registry.Tests.Models;

/// <summary>Starts <c>Ml.Sdk.Registry.TestWorker</c> (built beside this test project) as a separate OS process.</summary>
public static class TestWorkerProcess
{
    public static Process Start(params string[] arguments)
    {
        // bin/<configuration>/<tfm>/ of this project -> the same folders of the worker project next to it.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string tfm = output.Name;
        string configuration = output.Parent!.Name;
        string testsFolder = output.Parent.Parent!.Parent!.Parent!.FullName;
        string worker = Path.Combine(testsFolder, "Ml.Sdk.Registry.TestWorker", "bin", configuration, tfm, "Ml.Sdk.Registry.TestWorker.dll");
        Assert.True(File.Exists(worker), $"Test worker not built at {worker}.");

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(worker);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("The test worker did not start.");
    }
}
