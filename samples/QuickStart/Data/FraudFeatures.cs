namespace QuickStart.Data;

/// <summary>The model's input: five signals per transaction, computed the same way for training and for serving.</summary>
public static class FraudFeatures
{
    /// <summary>The number of signals per transaction.</summary>
    public const int Count = 5;

    private const int FeatureCount = Count;

    /// <summary>The signals' names, in column order (the monitor and its reference profile use them).</summary>
    public static readonly string[] Names = ["log_amount_ratio", "night", "risky_category", "hour", "log_amount_vs_customer"];

    /// <summary>The model's two outputs, in column order.</summary>
    public static readonly string[] OutputNames = ["logit_legit", "logit_fraud"];

    /// <summary>
    /// Five signals per transaction: log of amount over the median, night (0–5 h), risky category, hour of day / 24, and
    /// log amount against the customer's mean log amount over the 7 days before (a customer signal the rule lacks: the
    /// feature store's on-demand <c>log_amount_vs_customer</c>, point-in-time for training, online for serving; 0 where
    /// the customer has no statistic).
    /// </summary>
    public static (float[] Features, long[] Labels) Compute(TransactionTable table, double medianAmount, double[] logAmountVsCustomer)
    {
        int n = table.Count;
        float[] features = new float[n * FeatureCount];
        long[] labels = new long[n];
        for (int i = 0; i < n; i++)
        {
            Span<float> row = features.AsSpan(i * FeatureCount, FeatureCount);
            row[0] = (float)Math.Log(table.Amount[i] / medianAmount);
            row[1] = table.Hour[i] < 5 ? 1f : 0f;
            row[2] = TransactionGenerator.IsRiskyCategory(table.Category[i]) ? 1f : 0f;
            row[3] = table.Hour[i] / 24f;
            double vsCustomer = logAmountVsCustomer[i];
            row[4] = double.IsNaN(vsCustomer) ? 0f : (float)vsCustomer;
            labels[i] = table.IsFraud[i] ? 1 : 0;
        }

        return (features, labels);
    }
}
