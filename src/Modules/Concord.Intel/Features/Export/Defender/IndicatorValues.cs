using System.Text.Json;
using Concord.Observables;
using Concord.Stix.Patterning;

namespace Concord.Intel.Features.Export.Defender;

/// <summary>One value an indicator asserts, in canonical form; <see cref="Network"/> set for IP values.</summary>
internal readonly record struct IndicatorValue(IndicatorValueKind Kind, ObservableKind? Observable, string Text, IpNetwork Network = default);

/// <summary>What a block list or rule needs of one indicator: its id, name and values.</summary>
internal sealed record IndicatorEntry(string Id, string? Name, IReadOnlyList<IndicatorValue> Values);

/// <summary>
/// The values a STIX indicator asserts, when its pattern asserts only values: comparisons with <c>=</c> or <c>IN</c>, not
/// negated, joined by <c>OR</c> only, without qualifiers, on paths that name an IP, domain, URL, file hash or JA3. A
/// pattern with <c>AND</c>, <c>FOLLOWEDBY</c>, a qualifier, another operator or another path describes more than a value
/// (a hash and a file name together, say): a rule for one of its values would block more than the indicator says, so
/// such an indicator is skipped, not approximated. So are revoked indicators and those whose <c>valid_until</c> is past.
/// </summary>
internal static class IndicatorValues
{
    public static IndicatorEntry? Read(ReadOnlyMemory<byte> json, DateTimeOffset now)
    {
        var top = TopLevel.Read(json.Span);
        if (top.Type != "indicator" || top.Revoked
            || top.ValidUntil is { } until && DateTimeOffset.TryParse(until, System.Globalization.CultureInfo.InvariantCulture, out var end) && end <= now
            || !StixPattern.IsStixPatternType(top.PatternType)
            || !StixPattern.TryParse(top.Pattern, out var expression, out _)
            || !OnlyAlternatives(expression))
        {
            return null;
        }

        var values = new List<IndicatorValue>();
        foreach (var comparison in expression.Comparisons())
        {
            if (comparison.Negated || comparison.Operator is not (ComparisonOperator.Equal or ComparisonOperator.In)
                || comparison.Value is not { Kind: LiteralKind.String } literal || ValueOf(comparison, literal.Value) is not { } value)
            {
                return null;
            }

            if (!values.Contains(value))
            {
                values.Add(value);
            }
        }

        return values.Count == 0 ? null : new IndicatorEntry(top.Id ?? "", top.Name, values);
    }

    /// <summary>True when the pattern holds alternatives only: OR between comparisons and between observations, no qualifiers.</summary>
    private static bool OnlyAlternatives(PatternExpression expression) => expression switch
    {
        ObservationExpression observation => OnlyAlternatives(observation.Comparison),
        CompositeObservation { Operator: ObservationOperator.Or } composite => composite.Operands.All(OnlyAlternatives),
        _ => false,
    };

    private static bool OnlyAlternatives(ComparisonExpression expression) => expression switch
    {
        Comparison => true,
        BooleanComparison { Operator: BooleanOperator.Or } boolean => boolean.Operands.All(OnlyAlternatives),
        _ => false,
    };

    private static IndicatorValue? ValueOf(PatternComparison comparison, string raw)
    {
        var steps = comparison.Components;
        var last = steps.Length > 0 && steps[^1] is PropertyStep property ? property.Name : null;
        if (comparison.ObjectType is "file" or "artifact" && steps.Length == 2 && steps[0] is PropertyStep { Name: "hashes" })
        {
            return HashKind(last) is { } hash ? Parsed(IndicatorValueKind.Hash, hash, raw) : null;
        }

        if (last is not null && last.Contains("ja3", StringComparison.OrdinalIgnoreCase) || comparison.ObjectType is "x-ja3" or "ja3" && last is "value" or "hash")
        {
            var text = raw.Trim().ToLowerInvariant();
            return text.Length == 32 && text.All(char.IsAsciiHexDigit) ? new IndicatorValue(IndicatorValueKind.Ja3, null, text) : null;
        }

        return (comparison.ObjectPath, steps.Length) switch
        {
            ("ipv4-addr:value", _) => Parsed(IndicatorValueKind.Ip, ObservableKind.Ipv4Address, raw),
            ("ipv6-addr:value", _) => Parsed(IndicatorValueKind.Ip, ObservableKind.Ipv6Address, raw),
            ("domain-name:value", _) => Parsed(IndicatorValueKind.Domain, ObservableKind.Domain, raw),
            ("url:value", _) => Parsed(IndicatorValueKind.Url, ObservableKind.Url, raw),
            _ => null,
        };
    }

    private static IndicatorValue? Parsed(IndicatorValueKind kind, ObservableKind observable, string raw)
    {
        var parsed = Observable.Parse(observable, raw);
        if (!parsed.IsSuccess)
        {
            return null;
        }

        var value = parsed.Value;
        if (kind != IndicatorValueKind.Ip)
        {
            return new IndicatorValue(kind, value.Kind, value.Value);
        }

        return IpText.TryParseNetwork(value.Value, out var network, out _) ? new IndicatorValue(kind, value.Kind, value.Value, network) : null;
    }

    private static ObservableKind? HashKind(string? algorithm) =>
        algorithm?.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant() switch
        {
            "MD5" => ObservableKind.Md5,
            "SHA1" => ObservableKind.Sha1,
            "SHA256" => ObservableKind.Sha256,
            "SHA512" => ObservableKind.Sha512,
            _ => null,
        };

    /// <summary>
    /// The top-level properties a list needs, read in one pass of the reader without building a document (a block list
    /// reads a million of them). A property given twice keeps its last value, as a document would.
    /// </summary>
    private readonly record struct TopLevel(string? Type, string? Id, string? Name, string? Pattern, string? PatternType, string? ValidUntil, bool Revoked)
    {
        public static TopLevel Read(ReadOnlySpan<byte> json)
        {
            var top = default(TopLevel);
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return top;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                ReadOnlySpan<byte> name = reader.ValueIsEscaped ? System.Text.Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
                reader.Read();
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }

                static string? Text(ref Utf8JsonReader value) => value.TokenType == JsonTokenType.String ? value.GetString() : null;
                top = name switch
                {
                    _ when name.SequenceEqual("type"u8) => top with { Type = Text(ref reader) },
                    _ when name.SequenceEqual("id"u8) => top with { Id = Text(ref reader) },
                    _ when name.SequenceEqual("name"u8) => top with { Name = Text(ref reader) },
                    _ when name.SequenceEqual("pattern"u8) => top with { Pattern = Text(ref reader) },
                    _ when name.SequenceEqual("pattern_type"u8) => top with { PatternType = Text(ref reader) },
                    _ when name.SequenceEqual("valid_until"u8) => top with { ValidUntil = Text(ref reader) },
                    _ when name.SequenceEqual("revoked"u8) => top with { Revoked = reader.TokenType == JsonTokenType.True },
                    _ => top,
                };
            }

            return top;
        }
    }
}
