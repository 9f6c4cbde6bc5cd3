using System.Globalization;

namespace QuickStart;

/// <summary>The QuickStart's size and seed, from the command line.</summary>
public sealed class QuickStartOptions
{
    /// <summary>Gets or sets how many card transactions to generate.</summary>
    public int Transactions { get; set; } = 200_000;

    /// <summary>Gets or sets how many customers make them.</summary>
    public int Customers { get; set; } = 2_000;

    /// <summary>Gets or sets the seed of every random choice, so that a run is reproducible.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Gets or sets the most epochs chapter 3 trains for (early stopping may end it sooner).</summary>
    public int Epochs { get; set; } = 15;

    /// <summary>Gets or sets the folder for everything the SDK stores (registry database, artifacts).</summary>
    public string DataDirectory { get; set; } = "ml-data";

    /// <summary>Parses <c>--transactions N</c>, <c>--customers N</c>, <c>--seed N</c>, <c>--epochs N</c> and <c>--data-dir PATH</c>.</summary>
    /// <exception cref="ArgumentException">An unknown flag or a bad value.</exception>
    public static QuickStartOptions Parse(IReadOnlyList<string> args)
    {
        var options = new QuickStartOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string flag = args[i];
            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{flag} needs a value.");
            }

            if (flag == "--data-dir")
            {
                options.DataDirectory = args[++i];
                continue;
            }

            int value = int.TryParse(args[++i], NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsed) && parsed > 0
                ? parsed
                : throw new ArgumentException($"{flag} needs a positive whole number, not '{args[i]}'.");
            switch (flag)
            {
                case "--transactions": options.Transactions = value; break;
                case "--customers": options.Customers = value; break;
                case "--seed": options.Seed = value; break;
                case "--epochs": options.Epochs = value; break;
                default: throw new ArgumentException($"Unknown option '{flag}'; use --transactions, --customers, --seed, --epochs or --data-dir.");
            }
        }

        return options;
    }
}
