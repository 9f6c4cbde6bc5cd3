namespace QuickStart.Chapters;

/// <summary>What a chapter prints, and whether its checks held.</summary>
public sealed class ChapterReport(string title)
{
    private readonly List<string> _lines = [];
    private readonly List<string> _failures = [];

    public string Title { get; } = title;

    public IReadOnlyList<string> Lines => _lines;

    public IReadOnlyList<string> Failures => _failures;

    public bool Succeeded => _failures.Count == 0;

    public void Line(string text) => _lines.Add(text);

    /// <summary>Records a check the story relies on; a failed check fails the chapter and the run.</summary>
    public void Check(bool condition, string what)
    {
        if (!condition)
        {
            _failures.Add(what);
        }
    }
}
