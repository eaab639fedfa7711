using System.Text.Json;
using Concord.Intel;

namespace Concord.Web.Intel;

/// <summary>What to call an object in a list: its name, else what identifies it best for its type, else its id.</summary>
public static class ObjectTitle
{
    private static readonly string[] Candidates = ["name", "value", "abstract", "pattern", "relationship_type", "content"];

    public static string Of(StoredStixObject o)
    {
        ArgumentNullException.ThrowIfNull(o);
        using var document = JsonDocument.Parse(o.Json);
        return Of(document.RootElement, o.Id);
    }

    public static string Of(JsonElement root, string id)
    {
        foreach (var name in Candidates)
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
            {
                return text.Length <= 120 ? text : text[..119] + "…";
            }
        }

        return id;
    }
}
