using System.Collections.Frozen;
using System.Text.Json;

namespace Concord.Stix.Validation.Values;

/// <summary>
/// The <c>extensions</c> dictionary (STIX 3.2, 7.3): keys are extension-definition ids, whose values carry an
/// <c>extension_type</c>, or the predefined SCO extension names of the object's type; other <c>-ext</c> names are
/// the deprecated custom extensions (STIX 11.3) and are accepted as any non-empty object.
/// </summary>
internal sealed class ExtensionsSpec(IReadOnlyDictionary<string, ObjectSpec>? predefined = null) : ValueSpec
{
    public static readonly ExtensionsSpec Default = new();

    private readonly FrozenDictionary<string, ObjectSpec>.AlternateLookup<ReadOnlySpan<char>> _predefined =
        (predefined ?? new Dictionary<string, ObjectSpec>()).ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly ObjectSpec DefinedExtension = new("an extension",
        [new PropertySpec("extension_type", Specs.Vocabularies.ExtensionType, Required: true)], UnknownProperties.Allow);

    public override string Description => "an extensions dictionary";

    public override void Check(JsonElement value, ValidationContext context)
    {
        if (!Expect(value, JsonValueKind.Object, context))
        {
            return;
        }

        var count = 0;
        foreach (var extension in value.EnumerateObject())
        {
            count++;
            var key = JsonText.Name(extension);
            if (key.StartsWith("extension-definition--"u8))
            {
                if (!StixSyntax.TrySplitIdentifier(key, out _))
                {
                    context.ErrorAt(extension.Name, StixRules.ExtensionKey, $"'{extension.Name}' is not a valid extension-definition id.");
                }

                ObjectSpec.CheckValue(extension, DefinedExtension, context);
            }
            else if (JsonText.TryGet(_predefined, key, out var spec))
            {
                ObjectSpec.CheckValue(extension, spec, context);
                CheckNotEmpty(extension, context);
            }
            else if (key.EndsWith("-ext"u8) && StixSyntax.IsTypeName(key))
            {
                ObjectSpec.CheckValue(extension, CustomExtension.Instance, context);
                CheckNotEmpty(extension, context);
            }
            else
            {
                context.ErrorAt(extension.Name, StixRules.ExtensionKey,
                    $"Extension key '{extension.Name}' MUST be an extension-definition id or a predefined extension name ending in -ext.");
            }
        }

        if (count == 0)
        {
            context.Error(StixRules.EmptyDictionary, "extensions MUST have at least one entry.");
        }
    }

    private static void CheckNotEmpty(JsonProperty extension, ValidationContext context)
    {
        if (extension.Value.ValueKind == JsonValueKind.Object && !extension.Value.EnumerateObject().MoveNext())
        {
            context.ErrorAt(extension.Name, StixRules.EmptyDictionary, "An extension MUST have at least one property.");
        }
    }

    private sealed class CustomExtension : ValueSpec
    {
        public static readonly CustomExtension Instance = new();

        public override string Description => "an extension object";

        public override void Check(JsonElement value, ValidationContext context) => Expect(value, JsonValueKind.Object, context);
    }
}
