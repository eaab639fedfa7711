using System.Globalization;
using System.Text.Json;

namespace Concord.Intel.Features.Misp;

/// <summary>
/// A MISP object's attributes read back from the observables the import made of it (file, domain-ip, ip-port, url,
/// email, registry-key, mutex, asn, network-connection): each STIX property to its object relation and attribute type.
/// An attribute's own uuid is its observable's when the import gave it one (an address of a domain-ip object), else
/// derived from the object, relation and value. Relations no STIX property took come back from <c>x_misp_*</c>.
/// </summary>
internal static class MispObjectAttributes
{
    /// <summary>The template for observables that did not come from MISP, by the first one MISP has a template for.</summary>
    public static string? Template(IReadOnlyList<MispExportItem> observables) => observables.Select(o => o.Type switch
    {
        "file" => "file",
        "domain-name" => "domain-ip",
        "network-traffic" => "ip-port",
        "url" => "url",
        "email-message" => "email",
        "windows-registry-key" => "registry-key",
        "mutex" => "mutex",
        "autonomous-system" => "asn",
        _ => null,
    }).FirstOrDefault(t => t is not null);

    public static IEnumerable<(string Relation, string Type, string Value, string Uuid, string? Data)> Read(string template, IReadOnlyList<MispExportItem> observables, string objectUuid)
    {
        var byId = observables.ToDictionary(o => o.Id, StringComparer.Ordinal);
        string Uuid(MispExportItem source, string relation, string value) =>
            source.Uuid != objectUuid ? source.Uuid : MispStix.DerivedUuid($"{objectUuid}/{relation}/{value}");
        (string, string, string, string, string?) Make(MispExportItem source, string relation, string type, string value, string? data = null) =>
            (relation, type, value, Uuid(source, relation, value), data);

        foreach (var sco in observables)
        {
            switch (sco.Type)
            {
                case "file":
                    foreach (var item in File(sco, byId, Make))
                    {
                        yield return item;
                    }

                    break;
                case "domain-name" when template == "domain-ip":
                    if (sco.Text("value") is { } domain)
                    {
                        yield return Make(sco, "domain", "domain", domain);
                    }

                    break;
                case "ipv4-addr" or "ipv6-addr" when template == "domain-ip":
                    yield return Make(sco, "ip", "ip-dst", sco.Text("value")!);
                    break;
                case "network-traffic":
                    foreach (var (reference, relation) in new[] { ("src_ref", "ip-src"), ("dst_ref", "ip-dst") })
                    {
                        if (sco.Text(reference) is { } id && byId.TryGetValue(id, out var address) && address.Text("value") is { } ip)
                        {
                            yield return Make(address, relation, address.Type == "domain-name" ? "hostname" : relation, ip);
                        }
                    }

                    foreach (var (property, relation) in new[] { ("src_port", "src-port"), ("dst_port", "dst-port") })
                    {
                        if (sco.Json.TryGetProperty(property, out var port) && port.ValueKind == JsonValueKind.Number)
                        {
                            yield return Make(sco, relation, "port", port.GetInt64().ToString(CultureInfo.InvariantCulture));
                        }
                    }

                    break;
                case "url":
                    yield return Make(sco, "url", "url", sco.Text("value")!);
                    break;
                case "mutex":
                    yield return Make(sco, "name", "text", sco.Text("name")!);
                    break;
                case "autonomous-system" when sco.Json.TryGetProperty("number", out var number):
                    yield return Make(sco, "asn", "AS", number.GetRawText());
                    break;
                case "windows-registry-key" when sco.Text("key") is { } key:
                    yield return Make(sco, "key", "regkey", key);
                    break;
                case "email-message":
                    foreach (var (property, relation, type) in new[] { ("subject", "subject", "email-subject"), ("message_id", "message-id", "email-message-id"), ("body", "email-body", "email-body") })
                    {
                        if (sco.Text(property) is { } text)
                        {
                            yield return Make(sco, relation, type, text);
                        }
                    }

                    if (sco.Text("from_ref") is { } from && byId.TryGetValue(from, out var sender) && sender.Text("value") is { } fromValue)
                    {
                        yield return Make(sender, "from", "email-src", fromValue);
                    }

                    foreach (var to in sco.Strings("to_refs").Select(id => byId.GetValueOrDefault(id)).OfType<MispExportItem>())
                    {
                        yield return Make(to, "to", "email-dst", to.Text("value")!);
                    }

                    break;
            }

            foreach (var extra in Custom(sco))
            {
                yield return Make(sco, extra.Relation, "text", extra.Value);
            }
        }
    }

    private static IEnumerable<(string, string, string, string, string?)> File(
        MispExportItem file, Dictionary<string, MispExportItem> byId, Func<MispExportItem, string, string, string, string?, (string, string, string, string, string?)> make)
    {
        if (file.Text("name") is { } name)
        {
            yield return make(file, "filename", "filename", name, null);
        }

        if (file.Json.TryGetProperty("hashes", out var hashes) && hashes.ValueKind == JsonValueKind.Object)
        {
            foreach (var hash in hashes.EnumerateObject())
            {
                if (MispObservableValues.HashType(hash.Name) is { } type && hash.Value.ValueKind == JsonValueKind.String)
                {
                    yield return make(file, type, type, hash.Value.GetString()!, null);
                }
            }
        }

        if (file.Json.TryGetProperty("size", out var size) && size.ValueKind == JsonValueKind.Number)
        {
            yield return make(file, "size-in-bytes", "size-in-bytes", size.GetRawText(), null);
        }

        if (file.Text("mime_type") is { } mime)
        {
            yield return make(file, "mime-type", "mime-type", mime, null);
        }

        if (file.Text("parent_directory_ref") is { } parent && byId.TryGetValue(parent, out var directory) && directory.Text("path") is { } path)
        {
            yield return make(directory, "path", "text", path, null);
        }

        if (file.Text("content_ref") is { } content && byId.TryGetValue(content, out var artifact) && artifact.Text("payload_bin") is { } data)
        {
            var sample = artifact.Text("decryption_key") == "infected";
            var value = artifact.Text("x_misp_filename") ?? file.Text("name") ?? artifact.Uuid;
            yield return make(artifact, sample ? "malware-sample" : "attachment", sample ? "malware-sample" : "attachment", sample && artifact.Json.TryGetProperty("hashes", out var h) && h.TryGetProperty("MD5", out var md5) ? $"{value}|{md5.GetString()}" : value, data);
        }
    }

    /// <summary>Relations the import kept as <c>x_misp_&lt;relation&gt;</c> (hyphens written as <c>_</c>, which MISP's relations use: read back as hyphens).</summary>
    private static IEnumerable<(string Relation, string Value)> Custom(MispExportItem sco)
    {
        foreach (var property in sco.Json.EnumerateObject().Where(p => p.Name.StartsWith("x_misp_", StringComparison.Ordinal) && p.Name != "x_misp_filename"))
        {
            var relation = property.Name[7..].Replace('_', '-');
            var values = property.Value.ValueKind == JsonValueKind.Array ? property.Value.EnumerateArray() : (IEnumerable<JsonElement>)[property.Value];
            foreach (var value in values.Select(MispJson.AsText).OfType<string>())
            {
                yield return (relation, value);
            }
        }
    }
}
