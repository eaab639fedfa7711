using System.Text;

namespace Concord.Intel.Features.Misp;

/// <summary>How errors name a MISP event, object and attribute: by the uuid, info, type and value a MISP user searches for.</summary>
internal static class MispText
{
    public static string Describe(string? eventUuid, string? info, (string? Name, string? Uuid)? misp, (string? Uuid, string? Type, string? Value)? attribute)
    {
        var text = new StringBuilder();
        text.Append("Event ").Append(eventUuid ?? "(no uuid)");
        if (!string.IsNullOrEmpty(info))
        {
            text.Append(" \"").Append(Short(info)).Append('"');
        }

        if (misp is { } o)
        {
            text.Append(", object ").Append(o.Name ?? "?").Append(' ').Append(o.Uuid ?? "(no uuid)");
        }

        if (attribute is { } a)
        {
            text.Append(", attribute ").Append(a.Uuid ?? "(no uuid)").Append(' ').Append(a.Type ?? "(no type)");
            if (a.Value is not null)
            {
                text.Append(" '").Append(Short(a.Value)).Append('\'');
            }
        }

        return text.ToString();
    }

    public static string Short(string text) => text.Length > 100 ? text[..100] + "…" : text;
}
