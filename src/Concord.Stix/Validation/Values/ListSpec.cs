using System.Text.Json;

namespace Concord.Stix.Validation.Values;

/// <summary>A non-empty JSON array whose items all match <see cref="Item"/>.</summary>
internal sealed class ListSpec(ValueSpec item, bool allowEmpty = false) : ValueSpec
{
    public ValueSpec Item { get; } = item;

    public override string Description => $"a list of {Item.Description}";

    public override void Check(JsonElement value, ValidationContext context)
    {
        if (!Expect(value, JsonValueKind.Array, context))
        {
            return;
        }

        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            context.Push(index++);
            if (element.ValueKind == JsonValueKind.Null)
            {
                context.Error(StixRules.PropertyType, $"Expected {Item.Description}, found null.");
            }
            else
            {
                Item.Check(element, context);
            }

            context.Pop();
        }

        if (index == 0 && !allowEmpty)
        {
            context.Error(StixRules.EmptyList, "Lists must not be empty (STIX 2.1 section 2.12).");
        }
    }
}
