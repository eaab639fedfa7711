using System.Text.Json;

namespace Concord.Taxii.Features.Status;

/// <summary>
/// The ids and versions of a posted envelope's objects, by position, so the status can name each object. Validation
/// itself is the STIX library's, in the Intel import; this only reads what the status needs.
/// </summary>
internal static class EnvelopeScan
{
    /// <summary>The entries, or an error message when the body is not a TAXII envelope.</summary>
    public static (List<(string? Id, string? Version)>? Entries, string? Error) Read(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return (null, "The body is not JSON.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "The body must be a TAXII envelope: a JSON object with an 'objects' list.");
            }

            if (!document.RootElement.TryGetProperty("objects", out var objects))
            {
                return ([], null);
            }

            if (objects.ValueKind != JsonValueKind.Array)
            {
                return (null, "The envelope's 'objects' must be a list of STIX objects.");
            }

            var entries = new List<(string?, string?)>(objects.GetArrayLength());
            foreach (var item in objects.EnumerateArray())
            {
                entries.Add(item.ValueKind == JsonValueKind.Object ? Identify(item) : (null, null));
            }

            return (entries, null);
        }
    }

    /// <summary>
    /// An object whose id or version is not Unicode text (an unpaired surrogate escape) is named by position only; the
    /// import refuses it with its own error. Reading such a string as text throws, which must not fail the request.
    /// </summary>
    private static (string?, string?) Identify(JsonElement item)
    {
        try
        {
            return (Text(item, "id"), Text(item, "modified") ?? Text(item, "created"));
        }
        catch (InvalidOperationException)
        {
            return (null, null);
        }
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
