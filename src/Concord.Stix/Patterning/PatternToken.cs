namespace Concord.Stix.Patterning;

internal enum TokenKind
{
    End,
    Error,
    LeftBracket,
    RightBracket,
    LeftParen,
    RightParen,
    Comma,
    Colon,
    Dot,
    Star,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Identifier,
    String,
    Integer,
    Float,
    Binary,
    Hex,
    Timestamp,
    True,
    False,
    And,
    Or,
    Not,
    FollowedBy,
    Like,
    Matches,
    IsSubset,
    IsSuperset,
    Exists,
    In,
    Start,
    Stop,
    Seconds,
    Within,
    Repeats,
    Times,
}

/// <summary>
/// A token is only a kind and a span of the pattern; text is sliced out when the parser builds a node, so lexing
/// allocates nothing. <see cref="Escaped"/> marks string literals that need unescaping.
/// </summary>
internal readonly record struct PatternToken(TokenKind Kind, int Start, int End, bool Escaped = false)
{
    public int Length => End - Start;
}
