using System.Text.Json.Nodes;
using Concord.Platform;

namespace Concord.Intel.Features.MispApi;

/// <summary>
/// An answer of the MISP-compatible API: a status and a JSON body in MISP's shape. Errors are MISP's
/// <c>{"name", "message", "url"}</c> (what PyMISP reads and returns as <c>{"errors": [status, body]}</c>), with Concord's
/// <c>rule</c> and <c>field</c> added so a script can tell one refusal from another.
/// </summary>
internal sealed record MispAnswer(int Status, JsonNode Body)
{
    /// <summary>MISP's exact text for a user who may not edit an event: PyMISP then posts the attribute as a proposal.</summary>
    public const string NoPermission = "You do not have permission to do that.";

    public static MispAnswer Ok(JsonNode body) => new(200, body);

    public static MispAnswer Fail(int status, string url, string message, string rule, string? field = null, JsonObject? errors = null)
    {
        var body = new JsonObject { ["name"] = message, ["message"] = message, ["url"] = url, ["rule"] = rule };
        if (field is not null)
        {
            body["field"] = field;
        }

        if (errors is not null)
        {
            body["saved"] = false;
            body["errors"] = errors;
        }

        return new MispAnswer(status, body);
    }

    /// <summary>MISP's answer for an event that does not exist — and, the same, for one the caller may not read.</summary>
    public static MispAnswer InvalidEvent(string url) => Fail(404, url, "Invalid event", "not-found");

    /// <summary>A body or filter Concord cannot read: 400, naming the field and the rule.</summary>
    public static MispAnswer Invalid(string url, string field, string rule, string message) => Fail(400, url, message, rule, field);

    /// <summary>A refused add, as MISP answers a validation failure (403 with <c>saved: false</c> and the errors by field).</summary>
    public static MispAnswer NotSaved(string url, string what, IEnumerable<(string Field, string Message)> problems)
    {
        var errors = new JsonObject();
        foreach (var group in problems.GroupBy(p => p.Field, StringComparer.Ordinal))
        {
            errors[group.Key] = new JsonArray(group.Select(p => (JsonNode?)JsonValue.Create(p.Message)).ToArray());
        }

        return Fail(403, url, $"Could not add {what}", "not-saved", errors: errors);
    }

    public static MispAnswer From(Error error, string url) => error.Kind switch
    {
        ErrorKind.NotFound => InvalidEvent(url),
        ErrorKind.Forbidden => Fail(403, url, error.Message, error.Rule, error.Field),
        _ => Fail(400, url, error.Message, error.Rule, error.Field),
    };
}
