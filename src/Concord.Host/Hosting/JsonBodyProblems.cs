using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace Concord.Host.Hosting;

/// <summary>
/// A JSON body the framework could not read into the operation's request type, as the field at fault and a detail for a
/// person: not JSON at all (the body, with the line and byte), a property of the wrong type or an unknown enum value (the
/// property by its path, as other validation problems name it: <c>items[1].value</c>, and what it takes, from the
/// request type's JSON contract), or required properties missing. System.Text.Json's own message names .NET types, so
/// it is never repeated.
/// </summary>
internal static partial class JsonBodyProblems
{
    public static (string Field, string Detail) Describe(JsonException exception, Type? bodyType, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(options);
        var where = exception.LineNumber is { } line && exception.BytePositionInLine is { } at ? $" (line {line + 1}, byte {at + 1})" : "";

        // The reader's error (the text is not JSON) is the inner one; a conversion error has none, or a FormatException.
        if (exception.InnerException is JsonException syntax)
        {
            var reason = syntax.Message.Split(" LineNumber:", 2)[0].Trim().TrimEnd('.');
            return ("body", $"The request body is not valid JSON{where}: {reason}.");
        }

        var segments = Segments(exception.Path);
        if (MissingRequired().Match(exception.Message) is { Success: true } missing)
        {
            var names = Quoted().Matches(missing.Groups["names"].Value).Select(m => m.Groups["name"].Value).ToList();
            var list = string.Join(", ", names.Select(n => $"\"{n}\""));
            return (Field([.. segments, names.FirstOrDefault() ?? ""]), $"The body lacks {list}, which {(names.Count == 1 ? "is" : "are")} required.");
        }

        var field = Field(segments);
        var expected = bodyType is null ? null : TypeAt(bodyType, segments, options) is ({ } type, var converter) ? Expected(type, converter, options) : null;
        return field == "body"
            ? (field, $"The request body is not {expected ?? "of the shape this operation reads"}{where}.")
            : (field, $"The body's \"{field}\" is not {expected ?? "of the type, or one of the values, it takes"}{where}.");
    }

    /// <summary>System.Text.Json's path (<c>$.items[1].value</c>, <c>$['odd name']</c>) as names and indexes; <c>$</c> is none.</summary>
    private static List<object> Segments(string? path)
    {
        var segments = new List<object>();
        foreach (Match match in PathSegment().Matches(path ?? ""))
        {
            segments.Add(match.Groups["index"].Success ? int.Parse(match.Groups["index"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture)
                : match.Groups["quoted"].Success ? match.Groups["quoted"].Value : match.Groups["name"].Value);
        }

        return segments;
    }

    private static string Field(IReadOnlyList<object> segments)
    {
        if (segments.Count == 0)
        {
            return "body";
        }

        var field = new StringBuilder();
        foreach (var segment in segments)
        {
            _ = segment is int index
                ? field.Append('[').Append(index).Append(']')
                : field.Append(field.Length > 0 ? "." : "").Append((string)segment);
        }

        return field.ToString();
    }

    /// <summary>The .NET type the request type's JSON contract has at the path, and the property's own converter.</summary>
    private static (Type? Type, JsonConverter? Converter) TypeAt(Type root, IReadOnlyList<object> segments, JsonSerializerOptions options)
    {
        var info = options.GetTypeInfo(root);
        JsonConverter? converter = null;
        foreach (var segment in segments)
        {
            converter = null;
            if (segment is string name && info.Kind == JsonTypeInfoKind.Object)
            {
                var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
                if (info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, comparison)) is not { } property)
                {
                    return (null, null);
                }

                info = options.GetTypeInfo(property.PropertyType);
                converter = property.CustomConverter;
            }
            else if (info.Kind is JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary && info.ElementType is { } element)
            {
                info = options.GetTypeInfo(element);
            }
            else
            {
                return (null, null);
            }
        }

        return (info.Type, converter);
    }

    private static string Expected(Type type, JsonConverter? converter, JsonSerializerOptions options)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        if (plain.IsEnum)
        {
            return "one of: " + string.Join(", ", EnumNames(plain, converter, options));
        }

        return options.GetTypeInfo(plain).Kind switch
        {
            JsonTypeInfoKind.Enumerable => "an array",
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "an object",
            _ => BadRequestProblems.Expected(plain, plain.Name),
        };
    }

    /// <summary>An enum's values as the body spells them (the property's or the enum's converter: <c>national-cert</c>).</summary>
    private static IEnumerable<string> EnumNames(Type type, JsonConverter? converter, JsonSerializerOptions options)
    {
        if (converter is not null)
        {
            options = new JsonSerializerOptions(options);
            options.Converters.Insert(0, converter);
        }

        foreach (var value in Enum.GetValuesAsUnderlyingType(type))
        {
            var json = JsonSerializer.Serialize(Enum.ToObject(type, value), type, options);
            yield return json.StartsWith('"') ? JsonSerializer.Deserialize<string>(json, options) ?? json : Enum.GetName(type, value) ?? json;
        }
    }

    [GeneratedRegex("""\.(?<name>[^.\[]+)|\['(?<quoted>[^']*)'\]|\[(?<index>\d+)\]""")]
    private static partial Regex PathSegment();

    [GeneratedRegex("""missing required properties including: (?<names>.+?)\.?( Path:|$)""")]
    private static partial Regex MissingRequired();

    [GeneratedRegex("""'(?<name>[^']+)'""")]
    private static partial Regex Quoted();
}
