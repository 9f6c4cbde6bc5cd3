namespace Ml.Sdk.Serving.Internal;

/// <summary>The outputs of a batch that just ran, read back per request.</summary>
internal interface IOutputReader
{
    /// <summary>Gets the bytes of <paramref name="rows"/> rows of an output, from row <paramref name="rowOffset"/>.</summary>
    ReadOnlySpan<byte> GetRows(int output, int rowOffset, int rows);

    /// <summary>Writes an output's shape for a request of <paramref name="rows"/> rows.</summary>
    void GetShape(int output, int rows, Span<long> shape);

    /// <summary>Gets an output's rank.</summary>
    int GetRank(int output);
}
