using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;

namespace Concord.Host.Hosting;

/// <summary>
/// A request the framework refused before an endpoint ran, as a problem naming the field and saying what was sent and
/// what would be taken: a query or route parameter that does not bind, a required one missing, a body that is not JSON
/// or not of the operation's shape, a body in another media type. Thrown (<c>RouteHandlerOptions.ThrowOnBadRequest</c>),
/// ASP.NET names the parameter only in the exception's message, a fixed English text the request delegate generator and
/// the runtime factory share; the endpoint's handler method says the rest — the name the client sends (<c>min_score</c>,
/// not <c>minScore</c>) and the parameter's type. A message of another shape (Kestrel's own: a broken chunked body) is
/// said as it is; it names nothing of the node. Not thrown (<see cref="DescribeUnbound"/>), the handler's parameters are
/// read again.
/// </summary>
internal static partial class BadRequestProblems
{
    public const string Rule = "bad-request";

    /// <summary>How much of a refused value the detail repeats.</summary>
    private const int EchoLength = 100;

    private const string Integer = "a valid integer";
    private const string Number = "a valid number";
    private const string Timestamp = "a valid date and time (RFC 3339, e.g. 2026-01-01T00:00:00Z)";

    /// <summary>What a value of each type must look like; the keyword is the type as ASP.NET's message spells it.</summary>
    private static readonly (Type Type, string Keyword, string Words)[] Kinds =
    [
        (typeof(int), "int", Integer), (typeof(long), "long", Integer), (typeof(short), "short", Integer), (typeof(byte), "byte", Integer),
        (typeof(uint), "uint", Integer), (typeof(ulong), "ulong", Integer), (typeof(ushort), "ushort", Integer), (typeof(sbyte), "sbyte", Integer),
        (typeof(double), "double", Number), (typeof(float), "float", Number), (typeof(decimal), "decimal", Number),
        (typeof(bool), "bool", "true or false"),
        (typeof(Guid), "Guid", "a valid UUID"),
        (typeof(DateTimeOffset), "DateTimeOffset", Timestamp), (typeof(DateTime), "DateTime", Timestamp),
        (typeof(DateOnly), "DateOnly", "a valid date (e.g. 2026-01-31)"),
        (typeof(TimeOnly), "TimeOnly", "a valid time of day (e.g. 09:30)"),
        (typeof(TimeSpan), "TimeSpan", "a valid duration (e.g. 01:30:00)"),
        (typeof(string), "string", "a string"),
    ];

    public static ProblemDetails Describe(BadHttpRequestException exception, Endpoint? endpoint, JsonSerializerOptions json)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message;
        if (BindFailed().Match(message) is { Success: true } bind)
        {
            var parameter = Find(endpoint, bind.Groups["name"].Value);
            var field = WireName(parameter) ?? bind.Groups["name"].Value;
            var expected = Expected(parameter?.ParameterType, bind.Groups["type"].Value);
            return Refused(field, $"Parameter \"{field}\": \"{Echo(bind.Groups["value"].Value)}\" is not {expected}.");
        }

        if (RequiredMissing().Match(message) is { Success: true } missing)
        {
            var source = missing.Groups["source"].Value;
            if (source == "body")
            {
                return Refused("body", "The request needs a body (JSON).");
            }

            var field = WireName(Find(endpoint, missing.Groups["name"].Value)) ?? missing.Groups["name"].Value;
            return Refused(field, source == "form" ? $"The form needs the field \"{field}\"." : $"Parameter \"{field}\" is required.");
        }

        if (ImplicitBodyMissing().IsMatch(message))
        {
            return Refused("body", "The request needs a body (JSON).");
        }

        if (BodyUnreadable().Match(message) is { Success: true } body)
        {
            if (body.Groups["format"].Value == "JSON" && exception.InnerException is JsonException unreadable)
            {
                var (field, detail) = JsonBodyProblems.Describe(unreadable, Find(endpoint, body.Groups["name"].Value)?.ParameterType, json);
                return Refused(field, detail);
            }

            return Refused("body", body.Groups["format"].Value == "JSON" ? "The request body could not be read as JSON." : "The request body could not be read as a form.");
        }

        if (WrongMediaType().Match(message) is { Success: true } media)
        {
            return UnsupportedMediaType(media.Groups["type"].Value, media.Groups["format"].Value == "JSON"
                ? "JSON ('Content-Type: application/json')"
                : "a form (multipart/form-data or application/x-www-form-urlencoded)");
        }

        if (Antiforgery().IsMatch(message))
        {
            return Refused("body", "The form's antiforgery token is missing or not valid: reload the page and send the form again.");
        }

        return new ProblemDetails
        {
            Status = exception.StatusCode,
            Title = exception.StatusCode == StatusCodes.Status400BadRequest ? "Bad request" : Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(exception.StatusCode),
            Detail = message,
            Type = $"urn:concord:problem:{Rule}",
            Extensions = { ["rule"] = Rule },
        };
    }

    /// <summary>
    /// The parameter behind a bare 400 that the request delegate generator answered without throwing, or null when no
    /// parameter explains it. For an optional parameter (nullable, or with a default) whose value does not parse, the
    /// generated code (.NET 10) sets 400 and neither logs nor throws, whatever <c>ThrowOnBadRequest</c> says; only the
    /// endpoint's handler says which parameters are parsed from the route, the query or a header, so the first whose
    /// value does not parse as its type does is the one.
    /// </summary>
    public static ProblemDetails? DescribeUnbound(HttpContext http, Endpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoint);
        var routeValues = (endpoint as RouteEndpoint)?.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
        foreach (var parameter in endpoint.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [])
        {
            var attributes = parameter.GetCustomAttributes(inherit: false);
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            var element = type.IsArray ? type.GetElementType()! : type;
            if (element == typeof(string) || !IsParsed(element) || attributes.Any(a => a is IFromBodyMetadata or IFromFormMetadata or IFromServiceMetadata))
            {
                continue;
            }

            var field = WireName(parameter)!;
            StringValues values = attributes.OfType<IFromHeaderMetadata>().Any() ? http.Request.Headers[field]
                : routeValues.Contains(field) || attributes.OfType<IFromRouteMetadata>().Any() ? new StringValues(http.GetRouteValue(field)?.ToString())
                : http.Request.Query[field];

            // As the generated code reads them: an array value by value, anything else as one (repeated values joined).
            IEnumerable<string?> candidates = type.IsArray ? values : [(string?)values];
            if (candidates.FirstOrDefault(v => !string.IsNullOrEmpty(v) && !Parses(element, v)) is { } refused)
            {
                return Refused(field, $"Parameter \"{field}\": \"{Echo(refused)}\" is not {Expected(parameter.ParameterType, element.Name)}.");
            }
        }

        return null;
    }

    /// <summary>
    /// A body in a media type the operation does not read: routing refuses it before the endpoint (an operation that
    /// takes JSON declares so), or the endpoint's binding does. Rule <c>unsupported-media-type</c>, as the framework's
    /// own 415; the detail says what was sent and what to send.
    /// </summary>
    public static ProblemDetails UnsupportedMediaType(string? sent, string? expected = null)
    {
        var what = string.IsNullOrEmpty(sent) ? "a body without a Content-Type" : $"a body of type \"{Echo(sent)}\"";
        return new ProblemDetails
        {
            Status = StatusCodes.Status415UnsupportedMediaType,
            Title = "Unsupported media type",
            Detail = $"This operation does not read {what}: send it as {expected ?? "the operation takes it (JSON operations: 'Content-Type: application/json')"}.",
            Type = "urn:concord:problem:unsupported-media-type",
            Extensions = { ["rule"] = "unsupported-media-type", ["field"] = "Content-Type" },
        };
    }

    /// <summary>What a value of <paramref name="type"/> must be (or, without the type, of the type ASP.NET's message names).</summary>
    public static string Expected(Type? type, string typeName)
    {
        if (type is not null)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            type = type.IsArray ? type.GetElementType()! : type;
            if (type.IsEnum)
            {
                return "one of: " + string.Join(", ", Enum.GetNames(type));
            }

            return Kinds.FirstOrDefault(k => k.Type == type).Words ?? $"a valid {type.Name}";
        }

        var name = typeName.TrimEnd('?', '[', ']');
        return Kinds.FirstOrDefault(k => k.Keyword == name || k.Type.Name == name).Words ?? $"a valid {name}";
    }

    /// <summary>The value as the client sent it, cut short: the detail names it, it does not replay a long one.</summary>
    public static string Echo(string value) => value.Length <= EchoLength ? value : value[..EchoLength] + "…";

    /// <summary>A type ASP.NET binds by parsing a string: an enum, or one with a static <c>TryParse</c>.</summary>
    private static bool IsParsed(Type type) => type.IsEnum || TryParseOf(type) is not null;

    /// <summary>Whether ASP.NET would parse <paramref name="value"/> as <paramref name="type"/> (its styles for times).</summary>
    private static bool Parses(Type type, string value)
    {
        const DateTimeStyles styles = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces;
        if (type.IsEnum)
        {
            return Enum.TryParse(type, value, out _);
        }

        if (type == typeof(DateTimeOffset))
        {
            return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, styles, out _);
        }

        if (type == typeof(DateTime))
        {
            return DateTime.TryParse(value, CultureInfo.InvariantCulture, styles, out _);
        }

        var tryParse = TryParseOf(type)!;
        object?[] arguments = tryParse.GetParameters().Length == 3 ? [value, CultureInfo.InvariantCulture, null] : [value, null];
        return (bool)tryParse.Invoke(null, arguments)!;
    }

    private static MethodInfo? TryParseOf(Type type) =>
        type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), type.MakeByRefType()])
        ?? type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), type.MakeByRefType()]);

    private static ProblemDetails Refused(string field, string detail) => new()
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "Bad request",
        Detail = detail,
        Type = $"urn:concord:problem:{Rule}",
        Extensions = { ["rule"] = Rule, ["field"] = field },
    };

    /// <summary>The handler's parameter ASP.NET named: by its C# name, or by the name the client sends.</summary>
    private static ParameterInfo? Find(Endpoint? endpoint, string name)
    {
        var parameters = endpoint?.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [];
        return parameters.FirstOrDefault(p => p.Name == name) ?? parameters.FirstOrDefault(p => WireName(p) == name);
    }

    /// <summary>The name the client sends: <c>[FromQuery(Name = "min_score")]</c>'s, else the parameter's own.</summary>
    private static string? WireName(ParameterInfo? parameter)
    {
        if (parameter is null)
        {
            return null;
        }

        var attributes = parameter.GetCustomAttributes(inherit: false);
        var named = attributes.OfType<IFromQueryMetadata>().Select(a => a.Name)
            .Concat(attributes.OfType<IFromRouteMetadata>().Select(a => a.Name))
            .Concat(attributes.OfType<IFromHeaderMetadata>().Select(a => a.Name))
            .Concat(attributes.OfType<IFromFormMetadata>().Select(a => a.Name))
            .FirstOrDefault(n => !string.IsNullOrEmpty(n));
        return named ?? parameter.Name;
    }

    // ASP.NET's messages (RequestDelegateCreationMessages): a type has no quote, a C# name no space or quote; the value
    // is the client's and may hold anything, so it is whatever lies between the last fixed parts.
    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]+) (?<name>[^ "]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindFailed();

    [GeneratedRegex("""^Required parameter "(?<type>[^"]+) (?<name>[^ "]+)" was not provided from (?<source>[^.]+)\.$""")]
    private static partial Regex RequiredMissing();

    [GeneratedRegex("""^Implicit body inferred for parameter "[^"]+" but no body was provided""")]
    private static partial Regex ImplicitBodyMissing();

    [GeneratedRegex("""^Failed to read parameter "(?<type>[^"]+) (?<name>[^ "]+)" from the request body as (?<format>JSON|form)\.$""")]
    private static partial Regex BodyUnreadable();

    [GeneratedRegex("""^Expected a supported (?<format>JSON|form) media type but got "(?<type>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex WrongMediaType();

    [GeneratedRegex("""^Invalid anti-forgery token found when reading parameter """)]
    private static partial Regex Antiforgery();
}
