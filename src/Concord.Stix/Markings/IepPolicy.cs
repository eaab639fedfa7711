using System.Globalization;
using System.Text.Json;

namespace Concord.Stix.Markings;

/// <summary>IEP 2.0 handling statements (encrypt in transit, at rest): recipients MUST or MAY.</summary>
public enum IepHandling
{
    /// <summary>Recipients MAY.</summary>
    May,

    /// <summary>Recipients MUST.</summary>
    Must,
}

/// <summary>IEP 2.0 PERMITTED ACTIONS, from the narrowest.</summary>
public enum IepPermittedActions
{
    /// <summary>Recipients MUST NOT act upon the information.</summary>
    None,

    /// <summary>Recipients MUST contact the provider before acting upon it.</summary>
    ContactForInstruction,

    /// <summary>Only actions visible on the recipient's own networks and systems.</summary>
    InternallyVisibleActions,

    /// <summary>Actions visible outside the recipient's networks, that do not reveal the information (e.g. blocking).</summary>
    ExternallyVisibleIndirectActions,

    /// <summary>Actions that may reveal the information to third parties (e.g. contacting an affected party).</summary>
    ExternallyVisibleDirectActions,
}

/// <summary>A statement recipients MAY or MUST NOT follow (affected party notifications, unmodified resale).</summary>
public enum IepPermission
{
    /// <summary>Recipients MAY.</summary>
    May,

    /// <summary>Recipients MUST NOT.</summary>
    MustNot,
}

/// <summary>A statement recipients MAY, MUST or MUST NOT follow (attribution, obfuscation of affected parties).</summary>
public enum IepRequirement
{
    /// <summary>Recipients MAY.</summary>
    May,

    /// <summary>Recipients MUST.</summary>
    Must,

    /// <summary>Recipients MUST NOT.</summary>
    MustNot,
}

/// <summary>
/// An information exchange policy in the terms of FIRST's IEP 2.0 framework (its JSON specification's policy object),
/// plus the jurisdictions (ISO 3166-1 alpha-2) a record under it must not be relayed to. Statements left out (null)
/// are not stated. <see cref="EndDate"/> is the policy's expiry: after it, records under it are withdrawn.
/// </summary>
public sealed record IepPolicy
{
    /// <summary>The policy's id (the IEP <c>id</c>, and the UUID of its marking definition).</summary>
    public required Guid Id { get; init; }

    /// <summary>The policy's name.</summary>
    public required string Name { get; init; }

    /// <summary>Why, for whom, in the provider's words.</summary>
    public string? Description { get; init; }

    /// <summary>When the policy takes effect.</summary>
    public required DateTimeOffset StartDate { get; init; }

    /// <summary>When it ends (null: never); records under it are withdrawn then.</summary>
    public DateTimeOffset? EndDate { get; init; }

    /// <summary>ENCRYPT IN TRANSIT: whether recipients encrypt the information when they retransmit it.</summary>
    public IepHandling? EncryptInTransit { get; init; }

    /// <summary>ENCRYPT AT REST: whether recipients encrypt the information where they store it.</summary>
    public IepHandling? EncryptAtRest { get; init; }

    /// <summary>PERMITTED ACTIONS: what recipients may do with it.</summary>
    public IepPermittedActions? PermittedActions { get; init; }

    /// <summary>AFFECTED PARTY NOTIFICATIONS: whether recipients may tell affected third parties.</summary>
    public IepPermission? AffectedPartyNotifications { get; init; }

    /// <summary>ATTRIBUTION: whether recipients must, may or must not name the provider when redistributing.</summary>
    public IepRequirement? Attribution { get; init; }

    /// <summary>OBFUSCATE AFFECTED PARTIES: whether recipients must, may or must not hide who is affected.</summary>
    public IepRequirement? ObfuscateAffectedParties { get; init; }

    /// <summary>UNMODIFIED RESALE: whether recipients may resell it unmodified.</summary>
    public IepPermission? UnmodifiedResale { get; init; }

    /// <summary>EXTERNAL REFERENCE: where the policy is described further (absolute URLs).</summary>
    public IReadOnlyList<string> ExternalReferences { get; init; } = [];

    /// <summary>The countries (ISO 3166-1 alpha-2) whose nodes a record under this policy is never relayed to.</summary>
    public IReadOnlyList<string> ExcludedJurisdictions { get; init; } = [];

    /// <summary>The STIX id of the policy's marking definition.</summary>
    public string MarkingId => IepPolicies.MarkingPrefix + Id.ToString("D");

    /// <summary>Whether the policy has ended at <paramref name="now"/>.</summary>
    public bool IsExpired(DateTimeOffset now) => EndDate is { } end && end <= now;
}

/// <summary>
/// IEP 2.0 policies as STIX 2.1 marking definitions: the policy object of FIRST's IEP 2.0 JSON specification carried
/// whole in a property extension (<see cref="ExtensionId"/>, member <c>iep</c>), with <c>excluded_jurisdictions</c>
/// beside it. Records name the policy in <c>object_marking_refs</c>, so any STIX tool sees which policy applies and
/// can read it in IEP's own terms.
/// </summary>
public static class IepPolicies
{
    /// <summary>Concord's extension definition for IEP 2.0 marking definitions.</summary>
    public const string ExtensionId = "extension-definition--3b7f4c2e-9a1d-4e6b-8f5c-2d0a7e91c4b6";

    /// <summary>The prefix of a marking definition's id.</summary>
    public const string MarkingPrefix = "marking-definition--";

    private static readonly string[] Handling = ["may", "must"];
    private static readonly string[] Actions = ["none", "contact-for-instruction", "internally-visible-actions", "externally-visible-indirect-actions", "externally-visible-direct-actions"];
    private static readonly string[] Permission = ["may", "must-not"];
    private static readonly string[] Requirement = ["may", "must", "must-not"];

    /// <summary>Whether a marking definition carries an IEP policy (its extension is present).</summary>
    public static bool IsPolicy(JsonElement markingDefinition) =>
        markingDefinition.ValueKind == JsonValueKind.Object
        && markingDefinition.TryGetProperty("extensions"u8, out var extensions) && extensions.ValueKind == JsonValueKind.Object
        && extensions.TryGetProperty(ExtensionId, out _);

    /// <summary>
    /// Reads the policy of a marking definition carrying <see cref="ExtensionId"/>; the issues name each statement that is
    /// missing or not one of IEP's values (paths rooted at the marking definition).
    /// </summary>
    public static (IepPolicy? Policy, IReadOnlyList<StixIssue> Issues) Read(JsonElement markingDefinition)
    {
        var issues = new List<StixIssue>();
        var root = "$.extensions['" + ExtensionId + "']";
        if (!IsPolicy(markingDefinition) || markingDefinition.GetProperty("extensions"u8).GetProperty(ExtensionId) is not { ValueKind: JsonValueKind.Object } extension)
        {
            issues.Add(StixIssue.Error("$.extensions", "iep-policy", $"An IEP policy's marking definition carries the extension {ExtensionId} as an object."));
            return (null, issues);
        }

        if (!markingDefinition.TryGetProperty("id"u8, out var idValue) || idValue.ValueKind != JsonValueKind.String
            || !idValue.GetString()!.StartsWith(MarkingPrefix, StringComparison.Ordinal)
            || !Guid.TryParse(idValue.GetString().AsSpan(MarkingPrefix.Length), out var id))
        {
            issues.Add(StixIssue.Error("$.id", "iep-policy", "An IEP policy's marking definition has an id marking-definition--UUID."));
            return (null, issues);
        }

        if (!extension.TryGetProperty("iep"u8, out var iep) || iep.ValueKind != JsonValueKind.Object)
        {
            issues.Add(StixIssue.Error(root + ".iep", "required", "The IEP 2.0 policy object is required."));
            return (null, issues);
        }

        var at = root + ".iep";
        var name = Text(iep, "name", at, issues, required: true, max: 200);
        var description = Text(iep, "description", at, issues, required: false, max: 4000);
        if (iep.TryGetProperty("iep_version"u8, out var version) && !(version.ValueKind == JsonValueKind.Number && version.GetDouble() == 2.0)
            && !(version.ValueKind == JsonValueKind.String && version.GetString() == "2.0"))
        {
            issues.Add(StixIssue.Error(at + ".iep_version", "iep-version", "iep_version is 2.0."));
        }

        var start = Time(iep, "start_date", at, issues, required: true);
        var end = Time(iep, "end_date", at, issues, required: false);
        if (start is { } s && end is { } e && e <= s)
        {
            issues.Add(StixIssue.Error(at + ".end_date", "iep-dates", "end_date is after start_date."));
        }

        var policy = new IepPolicy
        {
            Id = id,
            Name = name ?? "",
            Description = description,
            StartDate = start ?? DateTimeOffset.MinValue,
            EndDate = end,
            EncryptInTransit = Choice<IepHandling>(iep, "encrypt_in_transit", Handling, at, issues),
            EncryptAtRest = Choice<IepHandling>(iep, "encrypt_at_rest", Handling, at, issues),
            PermittedActions = Choice<IepPermittedActions>(iep, "permitted_actions", Actions, at, issues),
            AffectedPartyNotifications = Choice<IepPermission>(iep, "affected_party_notifications", Permission, at, issues),
            Attribution = Choice<IepRequirement>(iep, "attribution", Requirement, at, issues),
            ObfuscateAffectedParties = Choice<IepRequirement>(iep, "obfuscate_affected_parties", Requirement, at, issues),
            UnmodifiedResale = Choice<IepPermission>(iep, "unmodified_resale", Permission, at, issues),
            ExternalReferences = Strings(iep, "external_references", at, issues, value => Uri.TryCreate(value, UriKind.Absolute, out _), "an absolute URL"),
            ExcludedJurisdictions = Strings(extension, "excluded_jurisdictions", root, issues, IsCountry, "an ISO 3166-1 alpha-2 code in capitals (FR, SG)"),
        };
        return issues.Any(i => i.Severity == StixSeverity.Error) ? (null, issues) : (policy, issues);
    }

    /// <summary>Writes the policy as a STIX 2.1 marking definition, created by <paramref name="createdByRef"/> at <paramref name="created"/>.</summary>
    public static void Write(Utf8JsonWriter writer, IepPolicy policy, string? createdByRef, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(policy);
        writer.WriteStartObject();
        writer.WriteString("type", "marking-definition");
        writer.WriteString("spec_version", "2.1");
        writer.WriteString("id", policy.MarkingId);
        writer.WriteString("created", Stamp(created));
        if (createdByRef is not null)
        {
            writer.WriteString("created_by_ref", createdByRef);
        }

        writer.WriteString("name", "IEP: " + policy.Name);
        writer.WriteStartObject("extensions");
        writer.WriteStartObject(ExtensionId);
        writer.WriteString("extension_type", "property-extension");
        writer.WriteStartObject("iep");
        writer.WriteString("id", policy.Id.ToString("D"));
        writer.WriteString("name", policy.Name);
        if (policy.Description is not null)
        {
            writer.WriteString("description", policy.Description);
        }

        writer.WriteNumber("iep_version", 2.0);
        writer.WriteString("start_date", Stamp(policy.StartDate));
        if (policy.EndDate is { } end)
        {
            writer.WriteString("end_date", Stamp(end));
        }
        else
        {
            writer.WriteNull("end_date");
        }

        WriteChoice(writer, "encrypt_in_transit", policy.EncryptInTransit, Handling);
        WriteChoice(writer, "encrypt_at_rest", policy.EncryptAtRest, Handling);
        WriteChoice(writer, "permitted_actions", policy.PermittedActions, Actions);
        WriteChoice(writer, "affected_party_notifications", policy.AffectedPartyNotifications, Permission);
        WriteChoice(writer, "attribution", policy.Attribution, Requirement);
        WriteChoice(writer, "obfuscate_affected_parties", policy.ObfuscateAffectedParties, Requirement);
        WriteChoice(writer, "unmodified_resale", policy.UnmodifiedResale, Permission);
        WriteStrings(writer, "external_references", policy.ExternalReferences);
        writer.WriteEndObject();
        WriteStrings(writer, "excluded_jurisdictions", policy.ExcludedJurisdictions);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>The IEP value of a statement, as the IEP 2.0 JSON specification spells it (<c>must-not</c>).</summary>
    public static string Spell<TEnum>(TEnum value)
        where TEnum : struct, Enum => value switch
        {
            IepHandling h => Handling[(int)h],
            IepPermittedActions a => Actions[(int)a],
            IepPermission p => Permission[(int)p],
            IepRequirement r => Requirement[(int)r],
            _ => throw new ArgumentOutOfRangeException(nameof(value)),
        };

    private static bool IsCountry(string value) => value.Length == 2 && char.IsAsciiLetterUpper(value[0]) && char.IsAsciiLetterUpper(value[1]);

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string? Text(JsonElement obj, string name, string at, List<StixIssue> issues, bool required, int max)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                issues.Add(StixIssue.Error($"{at}.{name}", "required", $"{name} is required."));
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()) || value.GetString()!.Length > max)
        {
            issues.Add(StixIssue.Error($"{at}.{name}", "iep-text", $"{name} is a non-empty string of at most {max} characters."));
            return null;
        }

        return value.GetString();
    }

    private static DateTimeOffset? Time(JsonElement obj, string name, string at, List<StixIssue> issues, bool required)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                issues.Add(StixIssue.Error($"{at}.{name}", "required", $"{name} is required."));
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String || !StixTimestamp.TryParse(value.GetString(), out var parsed))
        {
            issues.Add(StixIssue.Error($"{at}.{name}", "timestamp-format", $"{name} is a UTC timestamp such as 2027-01-01T00:00:00Z."));
            return null;
        }

        return parsed.ToDateTimeOffset();
    }

    private static TEnum? Choice<TEnum>(JsonElement obj, string name, string[] values, string at, List<StixIssue> issues)
        where TEnum : struct, Enum
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var index = value.ValueKind == JsonValueKind.String ? Array.IndexOf(values, value.GetString()!.ToLowerInvariant()) : -1;
        if (index < 0)
        {
            issues.Add(StixIssue.Error($"{at}.{name}", "iep-value", $"{name} is one of {string.Join(", ", values)}."));
            return null;
        }

        return (TEnum)Enum.ToObject(typeof(TEnum), index);
    }

    private static List<string> Strings(JsonElement obj, string name, string at, List<StixIssue> issues, Func<string, bool> valid, string what)
    {
        var list = new List<string>();
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return list;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            issues.Add(StixIssue.Error($"{at}.{name}", "iep-list", $"{name} is a list."));
            return list;
        }

        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !valid(item.GetString()!))
            {
                issues.Add(StixIssue.Error($"{at}.{name}[{i}]", "iep-value", $"Each of {name} is {what}."));
            }
            else if (!list.Contains(item.GetString()!, StringComparer.Ordinal))
            {
                list.Add(item.GetString()!);
            }

            i++;
        }

        return list;
    }

    private static void WriteChoice<TEnum>(Utf8JsonWriter writer, string name, TEnum? value, string[] values)
        where TEnum : struct, Enum
    {
        if (value is { } v)
        {
            writer.WriteString(name, values[Convert.ToInt32(v, CultureInfo.InvariantCulture)]);
        }
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
