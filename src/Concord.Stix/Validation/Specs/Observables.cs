using Concord.Stix.Validation.Values;
using static Concord.Stix.Validation.Specs.CommonShapes;
using V = Concord.Stix.Validation.Specs.Vocabularies;

namespace Concord.Stix.Validation.Specs;

/// <summary>The STIX Cyber-observable Objects (STIX 6) as property tables.</summary>
internal static class Observables
{
    private static readonly StringSpec S = StringSpec.Instance;
    private static readonly TimestampSpec T = TimestampSpec.Any;
    private static readonly BooleanSpec B = BooleanSpec.Instance;
    private static readonly IntegerSpec I = IntegerSpec.Any;
    private static readonly IntegerSpec N = IntegerSpec.NonNegative;
    private static readonly StringSpec Enc = new(IsCharset, StixRules.ValueFormat, "an IANA character set name");

    public static IEnumerable<ObjectSpec> All()
    {
        yield return Sco("artifact", [new("mime_type", S), new("payload_bin", Formats.Binary), new("url", S), new("hashes", HashesSpec.Instance),
            new("encryption_algorithm", V.EncryptionAlgorithm), new("decryption_key", S)],
            Rules.ExactlyOne("payload_bin", "url"), Rules.Requires("url", "hashes"), Rules.Requires("decryption_key", "encryption_algorithm"));
        yield return Sco("autonomous-system", [new("number", I, true), new("name", S), new("rir", S)]);
        yield return Sco("directory", [new("path", S, true), new("path_enc", Enc), new("ctime", T), new("mtime", T), new("atime", T),
            new("contains_refs", Refs(RefTargets.Only("file", "directory")))]);
        yield return Sco("domain-name", [new("value", S, true), new("resolves_to_refs", Refs(RefTargets.Only("ipv4-addr", "ipv6-addr", "domain-name")))]);
        yield return Sco("email-addr", [new("value", S, true), new("display_name", S), new("belongs_to_ref", Ref("user-account"))]);
        yield return Sco("email-message", [new("is_multipart", B, true), new("date", T), new("content_type", S), new("from_ref", Ref("email-addr")),
            new("sender_ref", Ref("email-addr")), new("to_refs", Refs(RefTargets.Only("email-addr"))), new("cc_refs", Refs(RefTargets.Only("email-addr"))),
            new("bcc_refs", Refs(RefTargets.Only("email-addr"))), new("message_id", S), new("subject", S), new("received_lines", Strings),
            new("additional_header_fields", new DictionarySpec(StringOrStrings.Instance)), new("body", S), new("body_multipart", new ListSpec(MimePart)),
            new("raw_email_ref", Ref("artifact"))],
            Rules.When("is_multipart", true, Rules.Absent("body", "when is_multipart is true")),
            Rules.When("is_multipart", false, Rules.Absent("body_multipart", "when is_multipart is false")));
        yield return Sco("file", [new("hashes", HashesSpec.Instance), new("size", N), new("name", S), new("name_enc", Enc), new("magic_number_hex", Formats.Hex),
            new("mime_type", S), new("ctime", T), new("mtime", T), new("atime", T), new("parent_directory_ref", Ref("directory")),
            new("contains_refs", Refs(RefTargets.CyberObservable)), new("content_ref", Ref("artifact"))],
            Rules.AtLeastOne("hashes", "name"));
        yield return Sco("ipv4-addr", [new("value", Formats.Ipv4, true), new("resolves_to_refs", Refs(RefTargets.Only("mac-addr"))),
            new("belongs_to_refs", Refs(RefTargets.Only("autonomous-system")))]);
        yield return Sco("ipv6-addr", [new("value", AddressFormats.Ipv6, true), new("resolves_to_refs", Refs(RefTargets.Only("mac-addr"))),
            new("belongs_to_refs", Refs(RefTargets.Only("autonomous-system")))]);
        yield return Sco("mac-addr", [new("value", Formats.MacAddress, true)]);
        yield return Sco("mutex", [new("name", S, true)]);
        yield return Sco("network-traffic", [new("start", T), new("end", T), new("is_active", B), new("src_ref", Ref("ipv4-addr", "ipv6-addr", "mac-addr", "domain-name")),
            new("dst_ref", Ref("ipv4-addr", "ipv6-addr", "mac-addr", "domain-name")), new("src_port", new IntegerSpec(0, 65535)),
            new("dst_port", new IntegerSpec(0, 65535)), new("protocols", Strings, true), new("src_byte_count", N), new("dst_byte_count", N),
            new("src_packets", N), new("dst_packets", N), new("ipfix", DictionarySpec.Any), new("src_payload_ref", Ref("artifact")),
            new("dst_payload_ref", Ref("artifact")), new("encapsulates_refs", Refs(RefTargets.Only("network-traffic"))),
            new("encapsulated_by_ref", Ref("network-traffic"))],
            Rules.AtLeastOne("src_ref", "dst_ref"), Rules.Ordered("start", "end"), Rules.When("is_active", true, Rules.Absent("end", "when is_active is true")));
        yield return Sco("process", [new("is_hidden", B), new("pid", I), new("created_time", T), new("cwd", S), new("command_line", S),
            new("environment_variables", DictionarySpec.Any), new("opened_connection_refs", Refs(RefTargets.Only("network-traffic"))),
            new("creator_user_ref", Ref("user-account")), new("image_ref", Ref("file")), new("parent_ref", Ref("process")),
            new("child_refs", Refs(RefTargets.Only("process")))], AtLeastOneSpecific());
        yield return Sco("software", [new("name", S, true), new("cpe", AddressFormats.Cpe), new("swid", S), new("languages", new ListSpec(Formats.Lang)), new("vendor", S), new("version", S)]);
        yield return Sco("url", [new("value", S, true)]);
        yield return Sco("user-account", [new("user_id", S), new("credential", S), new("account_login", S), new("account_type", V.AccountType),
            new("display_name", S), new("is_service_account", B), new("is_privileged", B), new("can_escalate_privs", B), new("is_disabled", B),
            new("account_created", T), new("account_expires", T), new("credential_last_changed", T), new("account_first_login", T),
            new("account_last_login", T)], AtLeastOneSpecific());
        yield return Sco("windows-registry-key", [new("key", AddressFormats.RegistryKey), new("values", new ListSpec(RegistryValue)), new("modified_time", T),
            new("creator_user_ref", Ref("user-account")), new("number_of_subkeys", I)], AtLeastOneSpecific());
        yield return Sco("x509-certificate", [new("is_self_signed", B), new("hashes", HashesSpec.Instance), new("version", S), new("serial_number", S),
            new("signature_algorithm", S), new("issuer", S), new("validity_not_before", T), new("validity_not_after", T), new("subject", S),
            new("subject_public_key_algorithm", S), new("subject_public_key_modulus", S), new("subject_public_key_exponent", N),
            new("x509_v3_extensions", X509Extensions)], AtLeastOneSpecific(), Rules.Ordered("validity_not_before", "validity_not_after"));
    }

    /// <summary>A custom SCO type (one without <c>created</c>, defined by a new-sco extension): the SCO common properties.</summary>
    public static ObjectSpec CustomObservable { get; } = new("a custom observable", CommonProperties.Observable(), UnknownProperties.CustomObject);

    private static readonly ObjectSpec MimePart = new("a MIME part", [new("body", S), new("body_raw_ref", Ref("artifact", "file")),
        new("content_type", S), new("content_disposition", S)], UnknownProperties.Allow, Rules.AtLeastOne("body", "body_raw_ref"), Rules.Excludes("body", "body_raw_ref"));

    private static readonly ObjectSpec RegistryValue = new("a registry value", [new("name", S), new("data", S), new("data_type", V.WindowsRegistryDatatype)],
        UnknownProperties.Allow, Rules.AtLeastOne("name", "data", "data_type"));

    private static readonly string[] X509ExtensionNames =
    [
        "basic_constraints", "name_constraints", "policy_constraints", "key_usage", "extended_key_usage", "subject_key_identifier",
        "authority_key_identifier", "subject_alternative_name", "issuer_alternative_name", "subject_directory_attributes",
        "crl_distribution_points", "inhibit_any_policy", "certificate_policies", "policy_mappings",
        "private_key_usage_period_not_before", "private_key_usage_period_not_after",
    ];

    // STIX 6.18.2: an x509 v3 extensions object MUST contain at least one of its properties.
    private static readonly ObjectSpec X509Extensions = new("x509 v3 extensions",
        [.. new[] { "basic_constraints", "name_constraints", "policy_constraints", "key_usage", "extended_key_usage", "subject_key_identifier",
            "authority_key_identifier", "subject_alternative_name", "issuer_alternative_name", "subject_directory_attributes",
            "crl_distribution_points", "inhibit_any_policy", "certificate_policies", "policy_mappings" }.Select(n => new PropertySpec(n, S)),
        new("private_key_usage_period_not_before", T), new("private_key_usage_period_not_after", T)], UnknownProperties.Allow, Rules.AtLeastOne(X509ExtensionNames));

    private static ObjectSpec Sco(string type, PropertySpec[] specific, params ObjectRule[] rules) =>
        new(type, [.. CommonProperties.Observable(ObservableExtensions.For(type)), .. specific], UnknownProperties.Custom,
            [ExtensionRules.NoNewObjectOnStandardType, .. rules]);

    // Process, user-account, registry key and certificate have no required property but MUST carry one of their own
    // (an extension counts, as in the OASIS schemas).
    private static ObjectRule AtLeastOneSpecific() => (obj, context) =>
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (!IsCommon(JsonText.Name(property)))
            {
                return;
            }
        }

        context.Error(StixRules.PropertyCombination, "This object MUST contain at least one property (or extension) besides the common ones.");
    };

    private static bool IsCommon(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("type"u8) || name.SequenceEqual("id"u8) || name.SequenceEqual("spec_version"u8)
        || name.SequenceEqual("object_marking_refs"u8) || name.SequenceEqual("granular_markings"u8) || name.SequenceEqual("defanged"u8);

    // IANA character set names: printable ASCII without spaces (the schema writes [a-zA-Z0-9/.+_:-]{2,250}).
    private static bool IsCharset(ReadOnlySpan<byte> s) => s.Length is >= 2 and <= 250 && !s.ContainsAnyExceptInRange((byte)'!', (byte)'~');
}
