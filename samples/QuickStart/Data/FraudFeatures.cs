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
    /// log amount against the customer's mean log amount over the training period (a customer statistic the rule lacks;
    /// the feature store computes such statistics point-in-time in its chapter).
    /// </summary>
    public static (float[] Features, long[] Labels) Compute(TransactionTable table, double medianAmount, int trainingRows)
    {
        int n = table.Count;
        int customers = table.CustomerId.Max() + 1;
        double[] logSum = new double[customers];
        int[] logCount = new int[customers];
        for (int i = 0; i < trainingRows; i++)
        {
            logSum[table.CustomerId[i]] += Math.Log(table.Amount[i]);
            logCount[table.CustomerId[i]]++;
        }

        float[] features = new float[n * FeatureCount];
        long[] labels = new long[n];
        for (int i = 0; i < n; i++)
        {
            Span<float> row = features.AsSpan(i * FeatureCount, FeatureCount);
            row[0] = (float)Math.Log(table.Amount[i] / medianAmount);
            row[1] = table.Hour[i] < 5 ? 1f : 0f;
            row[2] = TransactionGenerator.IsRiskyCategory(table.Category[i]) ? 1f : 0f;
            row[3] = table.Hour[i] / 24f;
            int customer = table.CustomerId[i];
            row[4] = logCount[customer] == 0 ? 0f : (float)(Math.Log(table.Amount[i]) - (logSum[customer] / logCount[customer]));
            labels[i] = table.IsFraud[i] ? 1 : 0;
        }

        return (features, labels);
    }
}
