namespace Concord.Stix.Patterning;

/// <summary>
/// Splits a pattern into tokens on demand. Keywords are upper-case only, as the specification writes them;
/// a lower-case keyword lexes as an identifier and the parser names the fix. Whitespace is any Unicode
/// White_Space code point (section 9.4).
/// </summary>
internal struct PatternLexer(string text)
{
    private readonly string _text = text;
    private int _position;

    /// <summary>Why the last <see cref="TokenKind.Error"/> token was produced.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>Where the lexer will read next; the parser rewinds here to peek.</summary>
    public int Position
    {
        readonly get => _position;
        set => _position = value;
    }

    public PatternToken Next()
    {
        var text = _text;
        var i = _position;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        if (i >= text.Length)
        {
            _position = i;
            return new(TokenKind.End, i, i);
        }

        var c = text[i];
        var token = c switch
        {
            '[' => Single(TokenKind.LeftBracket, i),
            ']' => Single(TokenKind.RightBracket, i),
            '(' => Single(TokenKind.LeftParen, i),
            ')' => Single(TokenKind.RightParen, i),
            ',' => Single(TokenKind.Comma, i),
            ':' => Single(TokenKind.Colon, i),
            '*' => Single(TokenKind.Star, i),
            '.' when At(i + 1) is >= '0' and <= '9' => Number(i),
            '.' => Single(TokenKind.Dot, i),
            '=' when At(i + 1) == '=' => Fail(i, "'==' is not a STIX operator; use '='"),
            '=' => Single(TokenKind.Equal, i),
            '!' when At(i + 1) == '=' => new(TokenKind.NotEqual, i, i + 2),
            '<' when At(i + 1) == '>' => Fail(i, "'<>' is not a STIX operator; use '!='"),
            '<' when At(i + 1) == '=' => new(TokenKind.LessOrEqual, i, i + 2),
            '<' => Single(TokenKind.Less, i),
            '>' when At(i + 1) == '=' => new(TokenKind.GreaterOrEqual, i, i + 2),
            '>' => Single(TokenKind.Greater, i),
            '\'' => QuotedString(i),
            '"' => Fail(i, "strings and quoted property names use apostrophes ('), not double quotes"),
            '+' when IsNumberStart(i + 1) => Fail(i, "a positive number is written without '+'"),
            '-' when IsNumberStart(i + 1) => Number(i),
            >= '0' and <= '9' => Number(i),
            't' or 'b' or 'h' when At(i + 1) == '\'' => Prefixed(i),
            _ when char.IsAsciiLetter(c) || c == '_' => Word(i),
            _ => Fail(i, $"unexpected character {Describe(c)}"),
        };
        _position = token.Kind == TokenKind.Error ? token.Start : token.End;
        return token;
    }

    private readonly char At(int index) => index < _text.Length ? _text[index] : '\0';

    private readonly bool IsNumberStart(int index) =>
        At(index) is >= '0' and <= '9' || (At(index) == '.' && At(index + 1) is >= '0' and <= '9');

    private static PatternToken Single(TokenKind kind, int at) => new(kind, at, at + 1);

    private PatternToken Fail(int at, string message)
    {
        ErrorMessage = message;
        return new(TokenKind.Error, at, at);
    }

    internal static string Describe(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c) ? $"U+{(int)c:X4}" : $"'{c}'";

    private PatternToken Number(int start)
    {
        var i = start;
        if (_text[i] == '-')
        {
            i++;
        }

        var digitsStart = i;
        while (At(i) is >= '0' and <= '9')
        {
            i++;
        }

        var integerDigits = i - digitsStart;
        if (At(i) == '.' && At(i + 1) is >= '0' and <= '9')
        {
            i++;
            while (At(i) is >= '0' and <= '9')
            {
                i++;
            }

            return new(TokenKind.Float, start, i);
        }

        if (integerDigits > 1 && _text[digitsStart] == '0')
        {
            return Fail(digitsStart, "an integer must not have leading zeros");
        }

        return new(TokenKind.Integer, start, i);
    }

    private PatternToken QuotedString(int start)
    {
        var escaped = false;
        for (var i = start + 1; i < _text.Length; i++)
        {
            var c = _text[i];
            if (c == '\'')
            {
                return new(TokenKind.String, start, i + 1, escaped);
            }

            if (c == '\\')
            {
                if (At(i + 1) is not ('\'' or '\\'))
                {
                    return Fail(i, "a backslash in a string may only escape an apostrophe (\\') or a backslash (\\\\)");
                }

                escaped = true;
                i++;
            }
        }

        return Fail(start, "unterminated string: no closing apostrophe");
    }

    private PatternToken Prefixed(int start)
    {
        var close = _text.IndexOf('\'', start + 2);
        if (close < 0)
        {
            return Fail(start, "unterminated literal: no closing apostrophe");
        }

        var body = _text.AsSpan(start + 2, close - start - 2);
        var kind = _text[start] switch { 't' => TokenKind.Timestamp, 'b' => TokenKind.Binary, _ => TokenKind.Hex };
        var problem = kind switch
        {
            TokenKind.Timestamp => PatternTimestamp.TryParse(body, out _)
                ? null : "invalid timestamp: expected t'YYYY-MM-DDTHH:MM:SS[.fraction]Z' with a real date and time",
            TokenKind.Hex => CheckHex(body),
            _ => PatternLiteral.FindInvalidBase64(body) < 0 ? null : "invalid binary literal: expected base64 text",
        };
        return problem is null ? new(kind, start, close + 1) : Fail(start, problem);
    }

    private static string? CheckHex(ReadOnlySpan<char> body)
    {
        foreach (var c in body)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return $"invalid hex literal: {Describe(c)} is not a hex digit";
            }
        }

        return body.Length % 2 == 0 ? null : "invalid hex literal: an odd number of hex digits";
    }

    private PatternToken Word(int start)
    {
        var i = start + 1;
        while (i < _text.Length && (char.IsAsciiLetterOrDigit(_text[i]) || _text[i] is '_' or '-'))
        {
            i++;
        }

        return new(Classify(_text.AsSpan(start, i - start)), start, i);
    }

    internal static TokenKind Classify(ReadOnlySpan<char> word) => word switch
    {
        "AND" => TokenKind.And,
        "OR" => TokenKind.Or,
        "NOT" => TokenKind.Not,
        "FOLLOWEDBY" => TokenKind.FollowedBy,
        "LIKE" => TokenKind.Like,
        "MATCHES" => TokenKind.Matches,
        "ISSUBSET" => TokenKind.IsSubset,
        "ISSUPERSET" => TokenKind.IsSuperset,
        "EXISTS" => TokenKind.Exists,
        "IN" => TokenKind.In,
        "START" => TokenKind.Start,
        "STOP" => TokenKind.Stop,
        "SECONDS" => TokenKind.Seconds,
        "WITHIN" => TokenKind.Within,
        "REPEATS" => TokenKind.Repeats,
        "TIMES" => TokenKind.Times,
        "true" => TokenKind.True,
        "false" => TokenKind.False,
        _ => TokenKind.Identifier,
    };
}
