namespace Ml.Sdk.Monitoring.Drift;

/// <summary>Whether a column could be tested, and if not, why.</summary>
/// <remarks>Only <see cref="Tested"/> columns count towards the dataset's drift share; the others never put a NaN into it.</remarks>
public enum ColumnDriftStatus
{
    /// <summary>The method ran; the score and the verdict are defined.</summary>
    Tested,

    /// <summary>The current window has no rows.</summary>
    NoCurrentRows,

    /// <summary>The current window has rows but every value is missing (NaN or null).</summary>
    NoCurrentValues,

    /// <summary>The reference has no values for this column (every value was missing).</summary>
    NoReferenceValues,

    /// <summary>The column is in the reference but not in the current data.</summary>
    MissingFromCurrent,
}
