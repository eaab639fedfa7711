using System.Text.Json;

namespace Concord.Stix;

/// <summary>Checks the limits JsonDocument cannot express (string length), with a JSON path to the offender.</summary>
internal static class JsonLimits
{
    public static bool Check(ReadOnlySpan<byte> utf8, StixReaderOptions options, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out StixIssue? error)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = options.MaxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
                    if (length > options.MaxStringBytes)
                    {
                        error = StixIssue.Error("$", "string-too-long",
                            $"A string at byte {reader.TokenStartIndex} is {length} bytes; the limit is {options.MaxStringBytes}.");
                        return false;
                    }
                }
            }
        }
        catch (JsonException ex)
        {
            error = StixIssue.Error("$", RuleFor(ex), ex.Message);
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Names the rule a System.Text.Json failure breaks: the depth limit or plain syntax.</summary>
    public static string RuleFor(JsonException ex) =>
        ex.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase) ? "too-deep" : "json-syntax";
}
