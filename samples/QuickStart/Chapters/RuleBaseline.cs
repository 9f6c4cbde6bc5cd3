namespace QuickStart.Chapters;

/// <summary>The rule-based fraud score of chapter 1: its weights, the median amount it scales by, and how well it does.</summary>
public sealed record RuleBaseline(IReadOnlyList<double> Weights, double MedianAmount, double Precision, double Recall);
