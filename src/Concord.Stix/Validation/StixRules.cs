using System.Collections.Frozen;

namespace Concord.Stix.Validation;

/// <summary>
/// The stable ids of the validator's rules. A rule is "schema-level" when the OASIS STIX 2.1 JSON schemas express it
/// (required properties, JSON types, id and timestamp shapes, closed enumerations, ranges, property combinations);
/// the others need the specification's prose (ordering of timestamps, reference targets, open vocabularies, ...).
/// </summary>
public static class StixRules
{
    /// <summary>The value is not a JSON object.</summary>
    public const string NotAnObject = "not-an-object";

    /// <summary>A required property (or one a present property makes required) is missing.</summary>
    public const string Required = "required";

    /// <summary>A property has the wrong JSON type (string, integer, list, ...), or is null.</summary>
    public const string PropertyType = "property-type";

    /// <summary>The <c>type</c> value is not a valid type name (a-z, 0-9, single hyphens, 3-250 characters).</summary>
    public const string TypeName = "type-name";

    /// <summary>An identifier is not <c>type--UUID</c> with an RFC 4122 UUID.</summary>
    public const string IdentifierFormat = "identifier-format";

    /// <summary>The type part of <c>id</c> differs from <c>type</c>.</summary>
    public const string IdTypeMismatch = "id-type-mismatch";

    /// <summary><c>spec_version</c> is not <c>2.1</c>.</summary>
    public const string SpecVersion = "spec-version";

    /// <summary>A timestamp is not RFC 3339 UTC (<c>YYYY-MM-DDTHH:mm:ss[.s+]Z</c>).</summary>
    public const string TimestampFormat = "timestamp-format";

    /// <summary><c>created</c> or <c>modified</c> is less precise than milliseconds.</summary>
    public const string TimestampPrecision = "timestamp-precision";

    /// <summary>Two timestamps are out of order (modified before created, last_seen before first_seen, ...).</summary>
    public const string TimestampOrder = "timestamp-order";

    /// <summary>A reference points at a type the property does not allow.</summary>
    public const string ReferenceType = "reference-type";

    /// <summary>A list is empty (STIX 2.12: lists MUST NOT be empty).</summary>
    public const string EmptyList = "empty-list";

    /// <summary>A dictionary (or extension) has no keys.</summary>
    public const string EmptyDictionary = "empty-dictionary";

    /// <summary>A dictionary key breaks the key rules (a-z, A-Z, 0-9, _ and -, at most 250 characters).</summary>
    public const string DictionaryKey = "dictionary-key";

    /// <summary>A number is outside its allowed range (confidence 0-100, count, ports, ...).</summary>
    public const string ValueRange = "value-range";

    /// <summary>A string breaks its property's format (MAC address, IPv4, relationship_type, mime type, ...).</summary>
    public const string ValueFormat = "value-format";

    /// <summary>A <c>_bin</c> value is not base64.</summary>
    public const string BinaryFormat = "binary-format";

    /// <summary>A <c>_hex</c> value is not an even number of hex digits.</summary>
    public const string HexFormat = "hex-format";

    /// <summary>A closed vocabulary (enumeration) value is not one of the listed values.</summary>
    public const string EnumValue = "enum-value";

    /// <summary>An open vocabulary value is not from the suggested vocabulary (warning).</summary>
    public const string OpenVocabulary = "open-vocabulary";

    /// <summary>Properties that must or must not appear together (observed-data objects/object_refs, location, artifact, ...).</summary>
    public const string PropertyCombination = "property-combination";

    /// <summary>A custom property name breaks the MUST rules (a-z, 0-9, _; 3-250 characters).</summary>
    public const string CustomPropertyName = "custom-property-name";

    /// <summary>A custom property name does not start with <c>x_</c> (warning).</summary>
    public const string CustomPropertyPrefix = "custom-property-prefix";

    /// <summary>A property name the specification reserves is used.</summary>
    public const string ReservedProperty = "reserved-property";

    /// <summary><c>lang</c> is not an RFC 5646 language tag.</summary>
    public const string LangFormat = "lang-format";

    /// <summary>An external reference has none of description, url and external_id.</summary>
    public const string ExternalReferenceContent = "external-reference-content";

    /// <summary>A capec or cve external reference has a malformed <c>external_id</c>.</summary>
    public const string ExternalIdFormat = "external-id-format";

    /// <summary>A hash algorithm name is not from the hashing-algorithm vocabulary (warning).</summary>
    public const string HashAlgorithm = "hash-algorithm";

    /// <summary>A hash value has the wrong format for its algorithm (e.g. MD5 must be 32 hex digits).</summary>
    public const string HashValue = "hash-value";

    /// <summary>A granular-marking selector is syntactically invalid.</summary>
    public const string SelectorSyntax = "selector-syntax";

    /// <summary>A granular-marking selector does not point at content of the object.</summary>
    public const string SelectorUnresolved = "selector-unresolved";

    /// <summary>A granular marking has both or neither of <c>marking_ref</c> and <c>lang</c>.</summary>
    public const string GranularMarkingTarget = "granular-marking-target";

    /// <summary>A marking definition marks itself.</summary>
    public const string MarkingSelfReference = "marking-self-reference";

    /// <summary>A TLP marking definition does not match the published TLP objects.</summary>
    public const string TlpMarking = "tlp-marking";

    /// <summary>An extensions key is neither an extension-definition id nor an <c>-ext</c> name.</summary>
    public const string ExtensionKey = "extension-key";

    /// <summary>An extension contradicts its object (a new-sdo/new-sco/new-sro extension on a standard type).</summary>
    public const string ExtensionContent = "extension-content";

    /// <summary>A kill-chain name or phase name is not lowercase-with-hyphens (warning).</summary>
    public const string KillChainPhaseFormat = "kill-chain-phase-format";

    /// <summary>Every rule id that the OASIS JSON schemas can express.</summary>
    public static FrozenSet<string> SchemaLevel { get; } = FrozenSet.Create(StringComparer.Ordinal,
        NotAnObject, Required, PropertyType, TypeName, IdentifierFormat, IdTypeMismatch, SpecVersion, TimestampFormat,
        TimestampPrecision, EmptyList, EmptyDictionary, DictionaryKey, ValueRange, ValueFormat, BinaryFormat, HexFormat,
        EnumValue, PropertyCombination, CustomPropertyName, ReservedProperty, ExternalReferenceContent, ExternalIdFormat,
        HashValue, SelectorSyntax, GranularMarkingTarget, TlpMarking, ExtensionKey);

    /// <summary>Every rule id the built-in table can report (plugged-in rules add their own).</summary>
    public static FrozenSet<string> All { get; } = SchemaLevel.Union([TimestampOrder, ReferenceType, OpenVocabulary, CustomPropertyPrefix,
        LangFormat, HashAlgorithm, SelectorUnresolved, MarkingSelfReference, KillChainPhaseFormat, ExtensionContent]).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True when <paramref name="ruleId"/> is a schema-level rule (see <see cref="SchemaLevel"/>).</summary>
    public static bool IsSchemaLevel(string ruleId) => SchemaLevel.Contains(ruleId);
}
