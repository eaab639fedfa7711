using System.Text.Json;
using Concord.Stix.Validation.Specs;
using Concord.Stix.Validation.Values;

namespace Concord.Stix.Validation;

/// <summary>
/// Validates STIX 2.1 objects against the specification, driven by one table of type shapes (see
/// <see cref="StixRules"/> for the rule ids). Never throws on any JSON input; valid objects cost no allocation.
/// </summary>
public static class StixValidator
{
    /// <summary>Validates a parsed object.</summary>
    public static StixValidationResult Validate(StixObject stixObject) => Validate(stixObject, StixValidationOptions.Default);

    /// <summary>Validates a parsed object with <paramref name="options"/>.</summary>
    public static StixValidationResult Validate(StixObject stixObject, StixValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(stixObject);
        return Validate(stixObject.Json, options);
    }

    /// <summary>Validates one object given as a JSON element.</summary>
    public static StixValidationResult Validate(JsonElement element) => Validate(element, StixValidationOptions.Default);

    /// <summary>Validates one object given as a JSON element, with <paramref name="options"/>.</summary>
    public static StixValidationResult Validate(JsonElement element, StixValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new([StixIssue.Error("$", StixRules.NotAnObject, "A STIX object must be a JSON object.")]);
        }

        var context = ValidationContext.Rent(options, element);
        var spec = CheckObject(element, context, out var type, out var known);
        var rules = options.Rules;
        if (rules.Count > 0)
        {
            // Table rows are named by their type, so standard types reach plug-in rules without a new string.
            var typeName = known ? spec.Name : JsonText.Text(type);
            var sink = new StixIssueSink(context);
            for (var i = 0; i < rules.Count; i++)
            {
                rules[i].Check(element, typeName, sink);
            }
        }

        return context.Finish();
    }

    /// <summary>Checks one object (top-level, or embedded in observed-data) against its table row.</summary>
    internal static ObjectSpec CheckObject(JsonElement element, ValidationContext context, out ReadOnlySpan<byte> type, out bool known)
    {
        type = CheckTypeAndId(element, context);
        known = TypeTable.TryGet(type, out var spec);
        spec ??= TypeTable.Custom(element);
        spec.Check(element, context);
        return spec;
    }

    // type and id decide which table row applies and must agree with each other (STIX 2.9: the id's prefix is the type).
    private static ReadOnlySpan<byte> CheckTypeAndId(JsonElement element, ValidationContext context)
    {
        if (!element.TryGetProperty("type"u8, out var typeValue) || typeValue.ValueKind != JsonValueKind.String)
        {
            return default;
        }

        var type = JsonText.Value(typeValue);
        if (!StixSyntax.IsTypeName(type))
        {
            context.ErrorAt("type", StixRules.TypeName, $"'{typeValue.GetString()}' is not a type name (3-250 of a-z, 0-9 and single hyphens, starting with a letter).");
        }

        if (element.TryGetProperty("id"u8, out var id) && id.ValueKind == JsonValueKind.String
            && StixSyntax.TrySplitIdentifier(JsonText.Value(id), out var idType) && !idType.SequenceEqual(type))
        {
            context.ErrorAt("id", StixRules.IdTypeMismatch, $"The id '{id.GetString()}' does not start with the object's type '{typeValue.GetString()}--'.");
        }

        return type;
    }
}
