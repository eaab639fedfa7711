using System.Collections.Immutable;
using System.Globalization;

namespace Concord.Stix.Patterning;

/// <summary>
/// Recursive descent over the STIX 2.1 pattern grammar with one token of lookahead. Failures are values: a
/// method that fails records the first error and returns null, and every caller passes the null up, so no
/// exception is thrown for bad input. Chains (<c>a AND b AND c</c>) are read in loops into n-ary nodes, so only
/// parentheses deepen the recursion, and those are capped at <see cref="StixPattern.MaxNesting"/>.
/// </summary>
internal sealed partial class PatternParser
{
    private readonly string _text;
    private PatternLexer _lexer;
    private PatternToken _token;
    private int _nesting;

    private PatternParser(string text)
    {
        _text = text;
        _lexer = new PatternLexer(text);
        _token = _lexer.Next();
    }

    /// <summary>The first error met; once set, parsing unwinds.</summary>
    private PatternSyntaxError? Error { get; set; }

    public static PatternExpression? Parse(string text, out PatternSyntaxError? error)
    {
        var parser = new PatternParser(text);
        var expression = parser.ParsePattern();
        error = parser.Error;
        return error is null ? expression : null;
    }

    private PatternExpression? ParsePattern()
    {
        if (_token.Kind == TokenKind.End)
        {
            return Fail(_token.Start, "the pattern is empty; expected '[' to start an observation expression");
        }

        var expression = ParseFollowedBy();
        if (expression is null)
        {
            return null;
        }

        return _token.Kind == TokenKind.End
            ? expression
            : Expected("AND, OR, FOLLOWEDBY, a qualifier or the end of the pattern");
    }

    private PatternExpression? ParseFollowedBy() => ParseChain(ObservationOperator.FollowedBy, TokenKind.FollowedBy);

    private PatternExpression? ParseChain(ObservationOperator op, TokenKind keyword)
    {
        var first = op switch
        {
            ObservationOperator.FollowedBy => ParseChain(ObservationOperator.Or, TokenKind.Or),
            ObservationOperator.Or => ParseChain(ObservationOperator.And, TokenKind.And),
            _ => ParseObservationPrimary(),
        };
        if (first is null || _token.Kind != keyword)
        {
            return first;
        }

        var operands = ImmutableArray.CreateBuilder<PatternExpression>();
        operands.Add(first);
        while (_token.Kind == keyword)
        {
            Advance();
            var next = op switch
            {
                ObservationOperator.FollowedBy => ParseChain(ObservationOperator.Or, TokenKind.Or),
                ObservationOperator.Or => ParseChain(ObservationOperator.And, TokenKind.And),
                _ => ParseObservationPrimary(),
            };
            if (next is null)
            {
                return null;
            }

            operands.Add(next);
        }

        return new CompositeObservation(op, operands.ToImmutable());
    }

    private PatternExpression? ParseObservationPrimary()
    {
        PatternExpression? expression;
        if (_token.Kind == TokenKind.LeftBracket)
        {
            Advance();
            var comparison = ParseComparisonOr();
            if (comparison is null || !Expect(TokenKind.RightBracket, "']' to close the observation expression"))
            {
                return null;
            }

            expression = new ObservationExpression(comparison);
        }
        else if (_token.Kind == TokenKind.LeftParen)
        {
            if (!Enter())
            {
                return null;
            }

            Advance();
            expression = ParseFollowedBy();
            if (expression is null || !Expect(TokenKind.RightParen, "')' to close the group"))
            {
                return null;
            }

            _nesting--;
        }
        else
        {
            return Expected("'[' or '(' to start an observation expression");
        }

        if (_token.Kind is not (TokenKind.Within or TokenKind.Repeats or TokenKind.Start))
        {
            return expression;
        }

        var qualifiers = ImmutableArray.CreateBuilder<PatternQualifier>();
        while (_token.Kind is TokenKind.Within or TokenKind.Repeats or TokenKind.Start)
        {
            var qualifier = ParseQualifier();
            if (qualifier is null)
            {
                return null;
            }

            qualifiers.Add(qualifier);
        }

        return new QualifiedObservation(expression, qualifiers.ToImmutable());
    }

    private PatternQualifier? ParseQualifier()
    {
        var keyword = _token.Kind;
        Advance();
        if (keyword == TokenKind.Start)
        {
            var start = _token;
            if (!ExpectTimestamp("START"))
            {
                return null;
            }

            if (!Expect(TokenKind.Stop, "STOP after the START timestamp"))
            {
                return null;
            }

            var stop = _token;
            if (!ExpectTimestamp("STOP"))
            {
                return null;
            }

            var startText = Inner(start);
            var stopText = Inner(stop);
            PatternTimestamp.TryParse(startText, out var startTime);
            PatternTimestamp.TryParse(stopText, out var stopTime);
            return new StartStopQualifier(startText, stopText, startTime, stopTime);
        }

        var number = _token;
        if (keyword == TokenKind.Within)
        {
            if (number.Kind is not (TokenKind.Integer or TokenKind.Float) || _text[number.Start] == '-')
            {
                Expected("a positive number of seconds after WITHIN");
                return null;
            }

            Advance();
            var seconds = double.Parse(_text.AsSpan(number.Start, number.Length), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            return Expect(TokenKind.Seconds, "SECONDS after the WITHIN duration") ? new WithinQualifier(seconds) : null;
        }

        if (number.Kind != TokenKind.Integer || _text[number.Start] == '-')
        {
            Expected("a positive integer after REPEATS");
            return null;
        }

        if (!long.TryParse(_text.AsSpan(number.Start, number.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var times))
        {
            Fail(number.Start, "the REPEATS count is too large");
            return null;
        }

        Advance();
        return Expect(TokenKind.Times, "TIMES after the REPEATS count") ? new RepeatsQualifier(times) : null;
    }

    private bool ExpectTimestamp(string keyword)
    {
        if (_token.Kind == TokenKind.Timestamp)
        {
            Advance();
            return true;
        }

        Expected($"a timestamp such as t'2016-06-01T00:00:00Z' after {keyword}");
        return false;
    }

    /// <summary>The text between the apostrophes of a prefixed literal such as <c>t'…'</c>.</summary>
    private string Inner(PatternToken token) => _text.Substring(token.Start + 2, token.Length - 3);

    private void Advance()
    {
        if (_token.Kind != TokenKind.Error)
        {
            _token = _lexer.Next();
        }
    }

    /// <summary>The token after the current one, without consuming anything.</summary>
    private PatternToken PeekNext()
    {
        var saved = _lexer;
        var next = _lexer.Next();
        _lexer = saved;
        return next;
    }

    private bool Enter()
    {
        if (++_nesting <= StixPattern.MaxNesting)
        {
            return true;
        }

        Fail(_token.Start, $"parentheses nest deeper than {StixPattern.MaxNesting} levels");
        return false;
    }

    private bool Expect(TokenKind kind, string what)
    {
        if (_token.Kind == kind)
        {
            Advance();
            return true;
        }

        Expected(what);
        return false;
    }

    /// <summary>Records "expected X but found Y" at the current token; a lexer error wins, being more precise.</summary>
    private PatternExpression? Expected(string what)
    {
        if (_token.Kind == TokenKind.Error)
        {
            return Fail(_token.Start, _lexer.ErrorMessage ?? "invalid input");
        }

        return Fail(_token.Start, $"expected {what} but found {Describe(_token)}{Hint(_token)}");
    }

    private PatternExpression? Fail(int position, string message)
    {
        Error ??= new PatternSyntaxError(message, position);
        return null;
    }

    private string Describe(PatternToken token) => token.Kind switch
    {
        TokenKind.End => "the end of the pattern",
        TokenKind.String => "a string",
        _ => $"'{Shorten(token)}'",
    };

    private string Shorten(PatternToken token) =>
        token.Length <= 40 ? _text.Substring(token.Start, token.Length) : string.Concat(_text.AsSpan(token.Start, 37), "...");

    /// <summary>Names the fix for the two slips people make most: lower-case keywords and upper-case booleans.</summary>
    private string Hint(PatternToken token)
    {
        if (token.Kind != TokenKind.Identifier || token.Length > 10)
        {
            return "";
        }

        var upper = _text.Substring(token.Start, token.Length).ToUpperInvariant();
        if (upper is "TRUE" or "FALSE")
        {
            return $" (booleans are written {upper.ToLowerInvariant()})";
        }

        return PatternLexer.Classify(upper) is not (TokenKind.Identifier or TokenKind.True or TokenKind.False)
            ? $" (keywords are upper-case: {upper})"
            : "";
    }
}
