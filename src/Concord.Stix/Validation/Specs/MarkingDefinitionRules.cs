using System.Collections.Frozen;
using System.Text.Json;

namespace Concord.Stix.Validation.Specs;

/// <summary>
/// STIX 7.2.1: a marking definition's body (definition_type + definition, or an extension), the fixed TLP 1.0 objects
/// (7.2.1.4), the TLP 2.0 objects of the CTI TC's common-objects repository, and no marking of itself.
/// </summary>
internal static class MarkingDefinitionRules
{
    private const string Tlp2Extension = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

    private static readonly FrozenDictionary<string, (string Level, string Name)> Tlp1 = new Dictionary<string, (string, string)>
    {
        ["marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"] = ("white", "TLP:WHITE"),
        ["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"] = ("green", "TLP:GREEN"),
        ["marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"] = ("amber", "TLP:AMBER"),
        ["marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"] = ("red", "TLP:RED"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> Tlp2 = new Dictionary<string, string>
    {
        ["marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"] = "clear",
        ["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"] = "green",
        ["marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"] = "amber",
        ["marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"] = "amber+strict",
        ["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"] = "red",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Tlp2Lookup = Tlp2.GetAlternateLookup<ReadOnlySpan<char>>();

    public static void Check(JsonElement obj, ValidationContext context)
    {
        var id = obj.TryGetProperty("id"u8, out var idValue) && idValue.ValueKind == JsonValueKind.String ? idValue : default;
        var hasType = obj.TryGetProperty("definition_type"u8, out var definitionType) && definitionType.ValueKind == JsonValueKind.String;
        var hasDefinition = obj.TryGetProperty("definition"u8, out var definition) && definition.ValueKind == JsonValueKind.Object;
        if (!obj.TryGetProperty("extensions"u8, out _))
        {
            // The deprecated definition_type/definition pair is the body when no extension carries one.
            if (!obj.TryGetProperty("definition_type"u8, out _))
            {
                context.ErrorAt("definition_type", StixRules.Required, "A marking definition without extensions requires definition_type.");
            }

            if (!obj.TryGetProperty("definition"u8, out _))
            {
                context.ErrorAt("definition", StixRules.Required, "A marking definition without extensions requires definition.");
            }
        }

        if (hasType && hasDefinition && definitionType.ValueEquals("statement"u8)
            && (!definition.TryGetProperty("statement"u8, out var statement) || statement.ValueKind != JsonValueKind.String))
        {
            context.Push("definition");
            context.ErrorAt("statement", StixRules.Required, "A statement marking requires definition.statement as a string.");
            context.Pop();
        }

        if (hasType && definitionType.ValueEquals("tlp"u8))
        {
            CheckTlp1(obj, id, hasDefinition ? definition : default, context);
        }

        if (id.ValueKind == JsonValueKind.String && Values.JsonText.TryGet(Tlp2Lookup, Values.JsonText.Value(id), out var level))
        {
            CheckTlp2(obj, level, context);
        }

        CheckSelfReference(obj, id, context);
    }

    private static void CheckTlp1(JsonElement obj, JsonElement id, JsonElement definition, ValidationContext context)
    {
        if (id.ValueKind != JsonValueKind.String || !Tlp1.TryGetValue(id.GetString()!, out var tlp))
        {
            context.ErrorAt("id", StixRules.TlpMarking, "Only the four TLP 1.0 marking definitions of STIX 7.2.1.4 may have definition_type tlp.");
            return;
        }

        if (definition.ValueKind != JsonValueKind.Object || !definition.TryGetProperty("tlp"u8, out var value) || !IsString(value, tlp.Level))
        {
            context.ErrorAt("definition", StixRules.TlpMarking, $"{tlp.Name} MUST have definition {{\"tlp\": \"{tlp.Level}\"}}.");
        }

        // STIX 7.2.1.4 fixes the whole object, name included, so a TLP 1.0 marking without its name is not that object.
        if (!obj.TryGetProperty("name"u8, out var name) || !IsString(name, tlp.Name))
        {
            context.ErrorAt("name", StixRules.TlpMarking, $"This TLP 1.0 marking's name is {tlp.Name}.");
        }

        if (obj.TryGetProperty("created"u8, out var created) && !IsString(created, "2017-01-20T00:00:00.000Z"))
        {
            context.ErrorAt("created", StixRules.TlpMarking, "The TLP 1.0 markings were created 2017-01-20T00:00:00.000Z.");
        }
    }

    private static void CheckTlp2(JsonElement obj, string level, ValidationContext context)
    {
        var ok = obj.TryGetProperty("extensions"u8, out var extensions) && extensions.ValueKind == JsonValueKind.Object
            && extensions.TryGetProperty(Tlp2Extension, out var extension) && extension.ValueKind == JsonValueKind.Object
            && extension.TryGetProperty("tlp_2_0"u8, out var value) && IsString(value, level);
        if (!ok)
        {
            context.ErrorAt("extensions", StixRules.TlpMarking, $"This TLP 2.0 marking id MUST carry the TLP 2.0 extension with tlp_2_0 \"{level}\".");
        }
    }

    private static void CheckSelfReference(JsonElement obj, JsonElement id, ValidationContext context)
    {
        if (id.ValueKind != JsonValueKind.String || !obj.TryGetProperty("object_marking_refs"u8, out var refs) || refs.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var index = 0;
        foreach (var item in refs.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.ValueEquals(Values.JsonText.Value(id)))
            {
                context.Push("object_marking_refs");
                context.Push(index);
                context.Error(StixRules.MarkingSelfReference, "A marking definition MUST NOT mark itself (no circular marking references).");
                context.Pop();
                context.Pop();
            }

            index++;
        }
    }

    private static bool IsString(JsonElement value, string expected) => value.ValueKind == JsonValueKind.String && value.ValueEquals(expected);
}
