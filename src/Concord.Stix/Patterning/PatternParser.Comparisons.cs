using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Concord.Stix.Patterning;

/// <summary>The inside of an observation's brackets: comparisons, object paths and constants.</summary>
internal sealed partial class PatternParser
{
    private ComparisonExpression? ParseComparisonOr() => ParseComparisonChain(BooleanOperator.Or);

    private ComparisonExpression? ParseComparisonChain(BooleanOperator op)
    {
        var keyword = op == BooleanOperator.Or ? TokenKind.Or : TokenKind.And;
        var first = op == BooleanOperator.Or ? ParseComparisonChain(BooleanOperator.And) : ParseComparisonPrimary();
        if (first is null || _token.Kind != keyword)
        {
            return first;
        }

        var operands = ImmutableArray.CreateBuilder<ComparisonExpression>();
        operands.Add(first);
        while (_token.Kind == keyword)
        {
            Advance();
            var next = op == BooleanOperator.Or ? ParseComparisonChain(BooleanOperator.And) : ParseComparisonPrimary();
            if (next is null)
            {
                return null;
            }

            operands.Add(next);
        }

        return new BooleanComparison(op, operands.ToImmutable());
    }

    private ComparisonExpression? ParseComparisonPrimary()
    {
        if (_token.Kind == TokenKind.LeftParen)
        {
            if (!Enter())
            {
                return null;
            }

            Advance();
            var inner = ParseComparisonOr();
            if (inner is null || !Expect(TokenKind.RightParen, "')' to close the group"))
            {
                return null;
            }

            _nesting--;
            return inner;
        }

        var negatedExists = _token.Kind == TokenKind.Not && PeekNext().Kind == TokenKind.Exists;
        if (negatedExists)
        {
            Advance();
        }

        if (_token.Kind == TokenKind.Exists)
        {
            Advance();
            var existsPath = ParseObjectPath();
            return existsPath is null ? null : new Comparison(existsPath, ComparisonOperator.Exists, negatedExists, []);
        }

        var path = ParseObjectPath();
        if (path is null)
        {
            return null;
        }

        var negated = _token.Kind == TokenKind.Not;
        if (negated)
        {
            Advance();
        }

        return ParseOperatorAndValue(path, negated);
    }

    private Comparison? ParseOperatorAndValue(ObjectPath path, bool negated)
    {
        var opToken = _token;
        ComparisonOperator op;
        switch (opToken.Kind)
        {
            case TokenKind.Equal: op = ComparisonOperator.Equal; break;
            case TokenKind.NotEqual: op = ComparisonOperator.NotEqual; break;
            case TokenKind.Less: op = ComparisonOperator.LessThan; break;
            case TokenKind.LessOrEqual: op = ComparisonOperator.LessThanOrEqual; break;
            case TokenKind.Greater: op = ComparisonOperator.GreaterThan; break;
            case TokenKind.GreaterOrEqual: op = ComparisonOperator.GreaterThanOrEqual; break;
            case TokenKind.In: op = ComparisonOperator.In; break;
            case TokenKind.Like: op = ComparisonOperator.Like; break;
            case TokenKind.Matches: op = ComparisonOperator.Matches; break;
            case TokenKind.IsSubset: op = ComparisonOperator.IsSubset; break;
            case TokenKind.IsSuperset: op = ComparisonOperator.IsSuperset; break;
            case TokenKind.Exists:
                Fail(opToken.Start, "EXISTS goes before the object path: EXISTS type:property");
                return null;
            default:
                Expected("a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET)");
                return null;
        }

        Advance();
        if (op == ComparisonOperator.In)
        {
            var set = ParseSet();
            return set.IsDefault ? null : new Comparison(path, op, negated, set);
        }

        var valueToken = _token;
        var value = ParseLiteral();
        if (value is null)
        {
            return null;
        }

        if (op is ComparisonOperator.Like or ComparisonOperator.Matches or ComparisonOperator.IsSubset or ComparisonOperator.IsSuperset
            && value.Kind != LiteralKind.String)
        {
            Fail(valueToken.Start, $"{Comparison.Symbol(op)} takes a string constant");
            return null;
        }

        if (op is ComparisonOperator.LessThan or ComparisonOperator.LessThanOrEqual or ComparisonOperator.GreaterThan
                or ComparisonOperator.GreaterThanOrEqual
            && value.Kind == LiteralKind.Boolean)
        {
            Fail(valueToken.Start, "a boolean cannot be ordered; use = or !=");
            return null;
        }

        return new Comparison(path, op, negated, [value]);
    }

    private ImmutableArray<PatternLiteral> ParseSet()
    {
        if (!Expect(TokenKind.LeftParen, "'(' to open the IN set, as in IN ('a', 'b')"))
        {
            return default;
        }

        var members = ImmutableArray.CreateBuilder<PatternLiteral>();
        if (_token.Kind == TokenKind.RightParen)
        {
            Advance();
            return members.ToImmutable();
        }

        while (true)
        {
            var member = ParseLiteral();
            if (member is null)
            {
                return default;
            }

            members.Add(member);
            if (_token.Kind == TokenKind.RightParen)
            {
                Advance();
                return members.ToImmutable();
            }

            if (!Expect(TokenKind.Comma, "',' or ')' in the IN set"))
            {
                return default;
            }
        }
    }

    private PatternLiteral? ParseLiteral()
    {
        var token = _token;
        PatternLiteral literal;
        switch (token.Kind)
        {
            case TokenKind.String:
                literal = new(LiteralKind.String, Unescape(token)) { Position = token.Start };
                break;
            case TokenKind.Integer:
                literal = new(LiteralKind.Integer, _text.Substring(token.Start, token.Length)) { Position = token.Start };
                break;
            case TokenKind.Float:
                literal = new(LiteralKind.Float, _text.Substring(token.Start, token.Length)) { Position = token.Start };
                break;
            case TokenKind.True or TokenKind.False:
                literal = new(LiteralKind.Boolean, token.Kind == TokenKind.True ? "true" : "false") { Position = token.Start };
                break;
            case TokenKind.Timestamp:
                literal = new(LiteralKind.Timestamp, Inner(token)) { Position = token.Start };
                break;
            case TokenKind.Hex:
                literal = new(LiteralKind.Hex, Inner(token)) { Position = token.Start };
                break;
            case TokenKind.Binary:
                // Line feeds in base64 "MUST be supported and ignored" (section 9.2), so the value drops them.
                literal = new(LiteralKind.Binary, Inner(token).Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal)) { Position = token.Start };
                break;
            default:
                Expected("a constant (a 'string', number, true, false, b'…', h'…' or t'…')");
                return null;
        }

        Advance();
        return literal;
    }

    private ObjectPath? ParseObjectPath()
    {
        var typeToken = _token;
        if (typeToken.Kind != TokenKind.Identifier)
        {
            Expected("an object path such as file:name");
            return null;
        }

        Advance();
        if (!Expect(TokenKind.Colon, "':' after the object type"))
        {
            return null;
        }

        var steps = ImmutableArray.CreateBuilder<PathStep>();
        var first = ParsePropertyName();
        if (first is null)
        {
            return null;
        }

        steps.Add(first);
        while (_token.Kind is TokenKind.Dot or TokenKind.LeftBracket)
        {
            var isDot = _token.Kind == TokenKind.Dot;
            Advance();
            var step = isDot ? ParsePropertyName() : ParseIndex();
            if (step is null)
            {
                return null;
            }

            steps.Add(step);
        }

        return new ObjectPath(_text.Substring(typeToken.Start, typeToken.Length), steps.ToImmutable());
    }

    private PropertyStep? ParsePropertyName()
    {
        var token = _token;
        if (token.Kind == TokenKind.String)
        {
            Advance();
            return new PropertyStep(Unescape(token));
        }

        if (token.Kind != TokenKind.Identifier)
        {
            Expected("a property name");
            return null;
        }

        // Section 9.7: a property name with a hyphen or full stop MUST be in apostrophes, e.g. hashes.'SHA-256'.
        var hyphen = _text.IndexOf('-', token.Start, token.Length);
        if (hyphen >= 0)
        {
            var name = _text.Substring(token.Start, token.Length);
            Fail(hyphen, $"a property name containing '-' must be quoted: '{name}'");
            return null;
        }

        Advance();
        return new PropertyStep(_text.Substring(token.Start, token.Length));
    }

    private PathStep? ParseIndex()
    {
        var token = _token;
        PathStep step;
        if (token.Kind == TokenKind.Star)
        {
            step = AnyIndexStep.Instance;
        }
        else if (token.Kind == TokenKind.Integer && _text[token.Start] != '-'
                 && int.TryParse(_text.AsSpan(token.Start, token.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            step = new IndexStep(index);
        }
        else
        {
            Expected("a list index: a non-negative integer or '*'");
            return null;
        }

        Advance();
        return Expect(TokenKind.RightBracket, "']' to close the list index") ? step : null;
    }

    private string Unescape(PatternToken token)
    {
        var body = _text.AsSpan(token.Start + 1, token.Length - 2);
        if (!token.Escaped)
        {
            return body.ToString();
        }

        var builder = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            // The lexer has already checked that a backslash is followed by an apostrophe or a backslash.
            if (body[i] == '\\')
            {
                i++;
            }

            builder.Append(body[i]);
        }

        return builder.ToString();
    }
}
