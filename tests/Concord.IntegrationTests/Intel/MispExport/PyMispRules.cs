using System.Globalization;
using System.Text.Json;

namespace Concord.IntegrationTests.Intel.MispExport;

/// <summary>
/// The checks PyMISP applies when it loads an event (<c>MISPEvent.load</c> → <c>from_dict</c> of the event, its
/// attributes, objects, object attributes, galaxies, clusters, tags and sightings), written from its rules: the event
/// needs <c>info</c>; distribution 0–4 (attributes and objects 0–5; 4 needs a sharing_group_id); threat_level_id 1–4;
/// analysis 0–2; a date PyMISP parses; timestamps as integer seconds; an attribute's type among MISP's types and valid
/// for its category (describeTypes' category_type_mappings); a value; a boolean to_ids; ISO 8601 first/last_seen.
/// Uuids must be UUIDs (MISP rejects others when it stores the event).
/// </summary>
internal static class PyMispRules
{
    private static readonly Dictionary<string, HashSet<string>> TypesByCategory = new Dictionary<string, string>
    {
        ["Internal reference"] = "text link comment other hex anonymised git-commit-id",
        ["Targeting data"] = "target-user target-email target-machine target-org target-location target-external comment anonymised",
        ["Antivirus detection"] = "link comment text hex attachment other anonymised",
        ["Payload delivery"] = "md5 sha1 sha224 sha256 sha384 sha512 sha512/224 sha512/256 sha3-224 sha3-256 sha3-384 sha3-512 ssdeep imphash telfhash impfuzzy authentihash vhash pehash tlsh cdhash filename filename|md5 filename|sha1 filename|sha224 filename|sha256 filename|sha384 filename|sha512 filename|sha512/224 filename|sha512/256 filename|sha3-224 filename|sha3-256 filename|sha3-384 filename|sha3-512 filename|authentihash filename|vhash filename|ssdeep filename|tlsh filename|imphash filename|impfuzzy filename|pehash mac-address mac-eui-64 ip-src ip-dst ip-dst|port ip-src|port hostname domain email email-src email-dst email-subject email-attachment email-body url user-agent AS pattern-in-file pattern-in-traffic filename-pattern stix2-pattern yara sigma mime-type attachment malware-sample link malware-type comment text hex vulnerability cpe weakness x509-fingerprint-sha1 x509-fingerprint-md5 x509-fingerprint-sha256 ja3-fingerprint-md5 jarm-fingerprint hassh-md5 hasshserver-md5 other hostname|port email-dst-display-name email-src-display-name email-header email-reply-to email-x-mailer email-mime-boundary email-thread-index email-message-id azure-application-id mobile-application-id chrome-extension-id edge-extension-id whois-registrant-email anonymised onion-address",
        ["Artifacts dropped"] = "md5 sha1 sha224 sha256 sha384 sha512 sha512/224 sha512/256 sha3-224 sha3-256 sha3-384 sha3-512 ssdeep imphash telfhash impfuzzy authentihash vhash cdhash filename filename|md5 filename|sha1 filename|sha224 filename|sha256 filename|sha384 filename|sha512 filename|sha512/224 filename|sha512/256 filename|sha3-224 filename|sha3-256 filename|sha3-384 filename|sha3-512 filename|authentihash filename|vhash filename|ssdeep filename|tlsh filename|imphash filename|impfuzzy filename|pehash regkey regkey|value pattern-in-file pattern-in-memory filename-pattern pdb stix2-pattern yara sigma attachment malware-sample named pipe mutex process-state windows-scheduled-task windows-service-name windows-service-displayname comment text hex x509-fingerprint-sha1 x509-fingerprint-md5 x509-fingerprint-sha256 other cookie gene kusto-query mime-type anonymised pgp-public-key pgp-private-key",
        ["Payload installation"] = "md5 sha1 sha224 sha256 sha384 sha512 sha512/224 sha512/256 sha3-224 sha3-256 sha3-384 sha3-512 ssdeep imphash telfhash impfuzzy authentihash vhash pehash tlsh cdhash filename filename|md5 filename|sha1 filename|sha224 filename|sha256 filename|sha384 filename|sha512 filename|sha512/224 filename|sha512/256 filename|sha3-224 filename|sha3-256 filename|sha3-384 filename|sha3-512 filename|authentihash filename|vhash filename|ssdeep filename|tlsh filename|imphash filename|impfuzzy filename|pehash pattern-in-file pattern-in-traffic pattern-in-memory filename-pattern stix2-pattern yara sigma vulnerability cpe weakness attachment malware-sample malware-type comment text hex x509-fingerprint-sha1 x509-fingerprint-md5 x509-fingerprint-sha256 azure-application-id mobile-application-id chrome-extension-id edge-extension-id other mime-type anonymised",
        ["Persistence mechanism"] = "filename regkey regkey|value comment text other hex anonymised",
        ["Network activity"] = "ip-src ip-dst ip-dst|port ip-src|port port hostname domain domain|ip mac-address mac-eui-64 email email-dst email-src eppn url uri user-agent http-method AS snort suricata pattern-in-file filename-pattern stix2-pattern pattern-in-traffic attachment comment text x509-fingerprint-md5 x509-fingerprint-sha1 x509-fingerprint-sha256 ja3-fingerprint-md5 jarm-fingerprint hassh-md5 hasshserver-md5 other hex cookie hostname|port bro zeek anonymised community-id email-subject favicon-mmh3 dkim dkim-signature ssh-fingerprint dom-hash onion-address",
        ["Payload type"] = "comment text other anonymised",
        ["Attribution"] = "threat-actor campaign-name campaign-id whois-registrant-phone whois-registrant-email whois-registrant-name whois-registrant-org whois-registrar whois-creation-date comment text x509-fingerprint-sha1 x509-fingerprint-md5 x509-fingerprint-sha256 other dns-soa-email anonymised email",
        ["External analysis"] = "md5 sha1 sha256 sha3-224 sha3-256 sha3-384 sha3-512 filename filename|md5 filename|sha1 filename|sha256 filename|sha3-224 filename|sha3-256 filename|sha3-384 filename|sha3-512 ip-src ip-dst ip-dst|port ip-src|port mac-address mac-eui-64 hostname domain domain|ip url user-agent regkey regkey|value AS snort suricata bro zeek pattern-in-file pattern-in-traffic pattern-in-memory filename-pattern vulnerability cpe weakness attachment malware-sample link comment text x509-fingerprint-sha1 x509-fingerprint-md5 x509-fingerprint-sha256 ja3-fingerprint-md5 jarm-fingerprint hassh-md5 hasshserver-md5 github-repository other cortex anonymised community-id dom-hash onion-address",
        ["Financial fraud"] = "btc dash xmr iban bic bank-account-nr aba-rtn bin cc-number prtn phone-number comment text other hex anonymised",
        ["Support Tool"] = "link text attachment comment other hex anonymised",
        ["Social network"] = "github-username github-repository github-organisation jabber-id twitter-id email email-src email-dst eppn comment text other whois-registrant-email anonymised pgp-public-key pgp-private-key",
        ["Person"] = "first-name middle-name last-name full-name date-of-birth place-of-birth gender passport-number passport-country passport-expiration redress-number nationality visa-number issue-date-of-the-visa primary-residence country-of-residence special-service-request frequent-flyer-number travel-details payment-details place-port-of-original-embarkation place-port-of-clearance place-port-of-onward-foreign-destination passenger-name-record-locator-number comment text other phone-number identity-card-number anonymised email pgp-public-key pgp-private-key",
        ["Other"] = "comment text other size-in-bytes counter integer datetime cpe port float hex phone-number boolean anonymised pgp-public-key pgp-private-key uuid",
    }.ToDictionary(p => p.Key, p => p.Value.Split(' ').ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

    private static readonly HashSet<string> KnownTypes = TypesByCategory.Values.SelectMany(t => t).ToHashSet(StringComparer.Ordinal);

    /// <summary>What PyMISP would refuse in <paramref name="document"/> (an event, <c>{"Event": …}</c>), each with its place.</summary>
    public static List<string> Problems(JsonElement document)
    {
        var problems = new List<string>();
        var @event = document.TryGetProperty("Event", out var inner) ? inner : document;
        void Check(bool ok, string message)
        {
            if (!ok)
            {
                problems.Add(message);
            }
        }

        Check(Text(@event, "info") is not null, "Event: info is required");
        Check(Uuid(@event), "Event: uuid is not a UUID");
        Check(Range(@event, "distribution", 0, 4), "Event: distribution not in 0-4");
        Check(Range(@event, "threat_level_id", 1, 4), "Event: threat_level_id not in 1-4");
        Check(Range(@event, "analysis", 0, 2), "Event: analysis not in 0-2");
        Check(Text(@event, "date") is not { } date || DateOnly.TryParseExact(date, "yyyy-MM-dd", out _), "Event: date is not yyyy-mm-dd");
        Check(Seconds(@event, "timestamp") && Seconds(@event, "publish_timestamp"), "Event: timestamp is not integer seconds");
        Check(!@event.TryGetProperty("published", out var published) || published.ValueKind is JsonValueKind.True or JsonValueKind.False, "Event: published is not a boolean");
        Tags(@event, "Event", problems);
        Galaxies(@event, "Event", problems);
        foreach (var (attribute, index) in Items(@event, "Attribute").Select((a, i) => (a, i)))
        {
            Attribute(attribute, $"Attribute[{index}]", 5, problems);
        }

        foreach (var (misp, index) in Items(@event, "Object").Select((o, i) => (o, i)))
        {
            var place = $"Object[{index}]";
            Check(Text(misp, "name") is { Length: > 0 }, $"{place}: name is required");
            Check(Uuid(misp), $"{place}: uuid is not a UUID");
            Check(Range(misp, "distribution", 0, 5) && SharingGroup(misp), $"{place}: distribution not in 0-5 (4 needs a sharing_group_id)");
            Check(Seconds(misp, "timestamp"), $"{place}: timestamp is not integer seconds");
            foreach (var (attribute, i) in Items(misp, "Attribute").Select((a, i) => (a, i)))
            {
                Check(Text(attribute, "object_relation") is { Length: > 0 }, $"{place}.Attribute[{i}]: object_relation is required");
                Attribute(attribute, $"{place}.Attribute[{i}]", 5, problems);
            }

            foreach (var (reference, i) in Items(misp, "ObjectReference").Select((r, i) => (r, i)))
            {
                Check(Uuid(reference) && Guid.TryParse(Text(reference, "referenced_uuid"), out _) && Text(reference, "relationship_type") is { Length: > 0 },
                    $"{place}.ObjectReference[{i}]: uuid, referenced_uuid and relationship_type are required");
            }
        }

        return problems;
    }

    private static void Attribute(JsonElement attribute, string place, int maxDistribution, List<string> problems)
    {
        var type = Text(attribute, "type");
        var category = Text(attribute, "category");
        if (type is null || !KnownTypes.Contains(type))
        {
            problems.Add($"{place}: type '{type}' is not a MISP attribute type");
        }
        else if (category is not null && (!TypesByCategory.TryGetValue(category, out var types) || !types.Contains(type)))
        {
            problems.Add($"{place}: {type} and {category} is an invalid combination");
        }

        if (!attribute.TryGetProperty("value", out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            problems.Add($"{place}: value is required");
        }

        if (attribute.TryGetProperty("to_ids", out var toIds) && toIds.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            problems.Add($"{place}: to_ids is not a boolean");
        }

        if (!Uuid(attribute) || !Range(attribute, "distribution", 0, maxDistribution) || !SharingGroup(attribute) || !Seconds(attribute, "timestamp"))
        {
            problems.Add($"{place}: uuid, distribution (0-{maxDistribution}, 4 with a sharing_group_id) or timestamp invalid");
        }

        foreach (var seen in new[] { "first_seen", "last_seen" })
        {
            if (Text(attribute, seen) is { } time && !DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                problems.Add($"{place}: {seen} '{time}' is not ISO 8601");
            }
        }

        Tags(attribute, place, problems);
        Galaxies(attribute, place, problems);
        foreach (var (sighting, i) in Items(attribute, "Sighting").Select((s, i) => (s, i)))
        {
            if (!Uuid(sighting) || !Seconds(sighting, "date_sighting") || !Range(sighting, "type", 0, 2))
            {
                problems.Add($"{place}.Sighting[{i}]: uuid, date_sighting or type invalid");
            }
        }
    }

    private static void Tags(JsonElement element, string place, List<string> problems)
    {
        if (Items(element, "Tag").Any(t => Text(t, "name") is not { Length: > 0 }))
        {
            problems.Add($"{place}: a tag without a name");
        }
    }

    private static void Galaxies(JsonElement element, string place, List<string> problems)
    {
        foreach (var cluster in Items(element, "Galaxy").SelectMany(g => Items(g, "GalaxyCluster")))
        {
            if (!Uuid(cluster) || !Range(cluster, "distribution", 0, 4) || Text(cluster, "value") is null)
            {
                problems.Add($"{place}: galaxy cluster '{Text(cluster, "value")}' needs a uuid, a value and distribution 0-4");
            }
        }
    }

    private static IEnumerable<JsonElement> Items(JsonElement element, string name) =>
        element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : [];

    private static string? Text(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    } : null;

    private static bool Uuid(JsonElement element) => Text(element, "uuid") is { } uuid && Guid.TryParseExact(uuid, "D", out _);

    private static bool Range(JsonElement element, string name, int min, int max) =>
        !element.TryGetProperty(name, out _) || (int.TryParse(Text(element, name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max);

    private static bool Seconds(JsonElement element, string name) =>
        !element.TryGetProperty(name, out _) || long.TryParse(Text(element, name), NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static bool SharingGroup(JsonElement element) =>
        Text(element, "distribution") != "4" || (long.TryParse(Text(element, "sharing_group_id"), out var id) && id > 0);
}
