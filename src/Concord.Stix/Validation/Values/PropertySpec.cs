namespace Concord.Stix.Validation.Values;

/// <summary>One property of an object shape: its name, value shape and whether it must be present.</summary>
/// <param name="Name">The property name.</param>
/// <param name="Value">What the value must look like.</param>
/// <param name="Required">True when the property MUST be present.</param>
internal sealed record PropertySpec(string Name, ValueSpec Value, bool Required = false);

/// <summary>A check over several properties of one object (ordering, combinations), run after its properties.</summary>
internal delegate void ObjectRule(System.Text.Json.JsonElement obj, ValidationContext context);
