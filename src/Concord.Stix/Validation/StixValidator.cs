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
        var type = CheckTypeAndId(element, context);
        TypeTable.For(type, element).Check(element, context);
        if (options.Rules.Count > 0)
        {
            var typeName = JsonText.Text(type);
            var sink = new StixIssueSink(context);
            foreach (var rule in options.Rules)
            {
                rule.Check(element, typeName, sink);
            }
        }

        return context.Finish();
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
