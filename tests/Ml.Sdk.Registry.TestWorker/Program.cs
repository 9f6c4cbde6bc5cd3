using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ml.Sdk.Registry;
using Ml.Sdk.Registry.TestWorker;

// Usage: register <root> <model> <count>   registers <count> versions, printing each version number
//        slow <root> <model>               registers one version whose artifact never ends; prints "writing" once bytes flow
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: register <root> <model> <count> | slow <root> <model>");
    return 2;
}

var options = Options.Create(new RegistryOptions { RootPath = args[1] });
using var registry = new SqliteModelRegistry(options, TimeProvider.System, NullLogger<SqliteModelRegistry>.Instance);
switch (args[0])
{
    case "register":
        int count = int.Parse(args[3], CultureInfo.InvariantCulture);
        for (int i = 0; i < count; i++)
        {
            byte[] content = System.Text.Encoding.UTF8.GetBytes($"{Environment.ProcessId}-{i}");
            ModelVersion version = await registry.RegisterVersionAsync(new NewModelVersion
            {
                Name = args[2],
                Format = ModelFormat.Other,
                Artifacts = [ArtifactSource.FromBytes("model.bin", content)],
            });
            Console.WriteLine(version.Version.ToString(CultureInfo.InvariantCulture));
        }

        return 0;

    case "slow":
        await registry.RegisterVersionAsync(new NewModelVersion
        {
            Name = args[2],
            Format = ModelFormat.Onnx,
            Artifacts = [ArtifactSource.FromStream("model.onnx", () => new SlowStream(() => Console.WriteLine("writing")))],
        });
        return 0;

    default:
        Console.Error.WriteLine($"unknown command {args[0]}");
        return 2;
}
