using System.Text.Json.Nodes;
using Concord.Intel.Features.Misp;

namespace Concord.Intel.Features.MispApi;

/// <summary>
/// <c>describeTypes.json</c> for the attribute types Concord's MISP import maps to STIX (docs/misp-import.md), generated
/// from the import's and export's tables: each type's default category (<see cref="MispCategories"/>) and its default
/// <c>to_ids</c> (<see cref="MispStix.DefaultToIds"/>). Other types are accepted too and kept whole as
/// <c>x-misp-attribute</c>; they are not listed because Concord does not map them.
/// </summary>
internal static class MispDescribeTypes
{
    private static readonly string[] Mapped =
    [
        "domain", "hostname", "url", "uri", "link", "ip-src", "ip-dst", "ip-src|port", "ip-dst|port", "domain|ip", "hostname|port",
        "filename", "mutex", "mac-address", "AS", "regkey", "regkey|value", "github-username", "vulnerability", "campaign-name",
        "attachment", "malware-sample", "x509-fingerprint-md5", "x509-fingerprint-sha1", "x509-fingerprint-sha256", "sigma", "snort",
        "suricata", "yara", "port", "size-in-bytes", "user-agent", "http-method", "email", "email-src", "email-dst", "email-subject",
        "email-body", "email-header", "email-reply-to", "email-x-mailer", "email-message-id", "email-attachment", "text", "comment", "other",
    ];

    public static JsonObject Answer()
    {
        var types = Mapped.Concat(MispStix.HashTypes.Order(StringComparer.Ordinal)).Concat(MispStix.HashTypes.Order(StringComparer.Ordinal).Select(h => "filename|" + h)).ToList();
        var defaults = new JsonObject();
        foreach (var type in types)
        {
            defaults[type] = new JsonObject { ["default_category"] = MispCategories.Default(type), ["to_ids"] = MispStix.DefaultToIds(type) ? 1 : 0 };
        }

        var byCategory = types.GroupBy(MispCategories.Default, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var mappings = new JsonObject();
        foreach (var category in byCategory)
        {
            mappings[category.Key] = new JsonArray(category.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
        }

        return new JsonObject
        {
            ["result"] = new JsonObject
            {
                ["sane_defaults"] = defaults,
                ["types"] = new JsonArray(types.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
                ["categories"] = new JsonArray(byCategory.Select(c => (JsonNode?)JsonValue.Create(c.Key)).ToArray()),
                ["category_type_mappings"] = mappings,
            },
        };
    }
}
