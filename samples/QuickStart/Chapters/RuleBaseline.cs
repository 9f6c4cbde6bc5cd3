namespace QuickStart.Chapters;

/// <summary>
/// The rule-based fraud score of chapter 1: its weights, the median amount it scales by, how well it does, and its
/// prediction for every transaction (1 = fraud), which chapter 2 scores on the held-out rows the trained model is judged on.
/// </summary>
public sealed record RuleBaseline(IReadOnlyList<double> Weights, double MedianAmount, double Precision, double Recall, IReadOnlyList<long> Predicted);
