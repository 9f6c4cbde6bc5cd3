namespace QuickStart.Data;

/// <summary>
/// Card transactions stored by column, the layout the Ml.Sdk kernels and the feature store read: one array per
/// field, row i across all of them.
/// </summary>
public sealed class TransactionTable
{
    public TransactionTable(int count)
    {
        CustomerId = new int[count];
        MerchantId = new int[count];
        Category = new int[count];
        Amount = new float[count];
        Hour = new float[count];
        Timestamp = new DateTimeOffset[count];
        IsFraud = new bool[count];
    }

    public int Count => Amount.Length;

    public int[] CustomerId { get; }

    public int[] MerchantId { get; }

    /// <summary>Index into <see cref="TransactionGenerator.Categories"/>.</summary>
    public int[] Category { get; }

    public float[] Amount { get; }

    /// <summary>Hour of day (0–23) of <see cref="Timestamp"/>, as a float feature.</summary>
    public float[] Hour { get; }

    public DateTimeOffset[] Timestamp { get; }

    public bool[] IsFraud { get; }
}
