using System.Net;
using System.Text.Json;
using Concord.Intel;

namespace Concord.Host.Cli;

/// <summary>Reads the node's import reports, job statuses and problem details from JSON, tolerant of naming.</summary>
internal static class RemoteJson
{
    public static ImportReport Report(JsonElement body, bool committed)
    {
        var errors = new List<RejectedObject>();
        if (Property(body, "errors") is { ValueKind: JsonValueKind.Array } list)
        {
            foreach (var e in list.EnumerateArray())
            {
                var issues = Property(e, "issues") is { ValueKind: JsonValueKind.Array } i
                    ? i.EnumerateArray().Select(x => new ObjectIssue(String(x, "path") ?? "$", String(x, "rule") ?? "invalid", String(x, "message") ?? "")).ToList()
                    : [];
                errors.Add(new RejectedObject((int)Long(e, "index"), String(e, "id"), issues));
            }
        }

        var isCommitted = Property(body, "committed") is { } c && c.ValueKind is JsonValueKind.True or JsonValueKind.False ? c.GetBoolean() : committed;
        return new ImportReport(ImportPolicy.AllOrNothing, isCommitted, Long(body, "processed"), Long(body, "stored"), Long(body, "duplicates"),
            Long(body, "rejected"), errors, Property(body, "errorsTruncated")?.ValueKind == JsonValueKind.True)
        {
            Format = String(body, "format") ?? "stix",
            Misp = Property(body, "misp") is { ValueKind: JsonValueKind.Object } misp ? Misp(misp) : null,
        };
    }

    private static MispImportSummary Misp(JsonElement misp) => new(
        Long(misp, "events"), Long(misp, "attributes"), Long(misp, "objects"), Long(misp, "sightings"),
        Long(misp, "deletedAttributes"), Long(misp, "deletedObjects"), Long(misp, "proposals"));

    public static ImportJobState JobState(JsonElement body) => Property(body, "state") switch
    {
        { ValueKind: JsonValueKind.Number } n => (ImportJobState)n.GetInt32(),
        { ValueKind: JsonValueKind.String } s when Enum.TryParse<ImportJobState>(s.GetString(), ignoreCase: true, out var state) => state,
        _ => ImportJobState.Running,
    };

    public static string Problem(HttpStatusCode status, JsonElement body)
    {
        var detail = String(body, "detail") ?? String(body, "title");
        var rule = String(body, "rule");
        return status switch
        {
            HttpStatusCode.Unauthorized => "the node refused the API key (401): it is unknown, expired or revoked.",
            HttpStatusCode.Forbidden => $"the API key may not import (403){(detail is null ? "" : ": " + detail)}",
            _ => $"the node answered {(int)status}: {detail ?? status.ToString()}{(rule is null ? "" : $" [{rule}]")}",
        };
    }

    public static long Long(JsonElement body, string name) =>
        Property(body, name) is { ValueKind: JsonValueKind.Number } n ? n.GetInt64() : 0;

    private static string? String(JsonElement body, string name) =>
        Property(body, name) is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;

    /// <summary>The property in camelCase, snake_case or PascalCase.</summary>
    private static JsonElement? Property(JsonElement body, string camel)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var snake = JsonNamingPolicy.SnakeCaseLower.ConvertName(camel);
        var pascal = char.ToUpperInvariant(camel[0]) + camel[1..];
        foreach (var name in new[] { camel, snake, pascal })
        {
            if (body.TryGetProperty(name, out var value))
            {
                return value;
            }
        }

        return null;
    }
}
