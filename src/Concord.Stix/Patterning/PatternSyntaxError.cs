namespace Concord.Stix.Patterning;

/// <summary>Why a pattern failed to parse, and where.</summary>
/// <param name="Message">What was expected or what is wrong, e.g. <c>expected ']' but found end of pattern</c>.</param>
/// <param name="Position">0-based index into the pattern string of the character where the problem was found.</param>
public sealed record PatternSyntaxError(string Message, int Position)
{
    /// <summary>1-based column, as editors and people count.</summary>
    public int Column => Position + 1;

    /// <summary>Renders as <c>at column 17: expected ']'</c>.</summary>
    public override string ToString() => $"at column {Column}: {Message}";
}
