using System.Text.Json;
using System.Text.Json.Nodes;

namespace Concord.Intel.Features.Misp;

/// <summary>
/// MISP objects: what the import made of one (observed-data and its indicator, an <c>x-misp-object</c>, labelled
/// <c>misp:name="…"</c>, under the object's uuid) becomes that object again, its attributes read back from the
/// observables (<see cref="MispObjectAttributes"/>) or, for an <c>x-misp-object</c>, as it kept them. Relationships
/// between exported objects become ObjectReferences.
/// </summary>
internal sealed partial class MispEventBuilder
{
    private JsonArray Objects(int? eventDistribution)
    {
        var array = new JsonArray();
        var groups = _members.Where(m => m.Type is "observed-data" or "indicator" or "x-misp-object" or "vulnerability" && m.Label("misp:name") is not null)
            .GroupBy(m => m.Uuid, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var items = group.ToList();
            _used.UnionWith(items.Select(i => i.Id));
            if (Object(items, eventDistribution) is { } misp)
            {
                array.Add(misp);
            }
        }

        // Observed-data that did not come from MISP: its observables together as one object, as MISP groups them.
        foreach (var observed in _members.Where(m => m.Type == "observed-data" && !_used.Contains(m.Id)))
        {
            _used.Add(observed.Id);
            var observables = observed.Strings("object_refs").Select(_lookup).OfType<MispExportItem>().ToList();
            if (MispObjectAttributes.Template(observables) is { } name && Object([observed], eventDistribution, name) is { } misp)
            {
                array.Add(misp);
            }
        }

        return array;
    }

    private JsonObject? Object(List<MispExportItem> items, int? eventDistribution, string? name = null)
    {
        var custom = items.FirstOrDefault(i => i.Type == "x-misp-object");
        var observed = items.FirstOrDefault(i => i.Type == "observed-data");
        var indicator = items.FirstOrDefault(i => i.Type == "indicator");
        var primary = custom ?? observed ?? indicator ?? items[0];
        name ??= custom?.Text("x_misp_name") ?? primary.Label("misp:name")!;
        var attributes = new JsonArray();
        if (custom is not null)
        {
            foreach (var kept in custom.Json.TryGetProperty("x_misp_attributes", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : [])
            {
                attributes.Add(Kept(kept, custom));
            }
        }
        else if (primary.Type == "vulnerability")
        {
            foreach (var (relation, value) in new[] { ("id", primary.Text("name")), ("description", primary.Text("description")) })
            {
                if (value is not null)
                {
                    attributes.Add(Kept(JsonSerializer.SerializeToElement(new { type = relation == "id" ? "vulnerability" : "text", object_relation = relation, value }), primary));
                }
            }
        }
        else if (observed is not null)
        {
            var observables = observed.Strings("object_refs").Select(_lookup).OfType<MispExportItem>().ToList();
            var pattern = indicator?.Text("pattern") ?? string.Empty;
            foreach (var (relation, type, value, uuid, data) in MispObjectAttributes.Read(name, observables, primary.Uuid))
            {
                var attribute = new JsonObject
                {
                    ["uuid"] = uuid,
                    ["object_relation"] = relation,
                    ["type"] = type,
                    ["category"] = MispCategories.Default(type),
                    ["value"] = value,
                    ["to_ids"] = pattern.Contains($"'{MispStix.Escape(value)}'", StringComparison.Ordinal) || pattern.Contains($"= {value}]", StringComparison.Ordinal),
                    ["timestamp"] = Epoch(primary),
                    ["distribution"] = "5",
                    ["deleted"] = false,
                };
                if (data is not null)
                {
                    attribute["data"] = data;
                }

                attributes.Add(attribute);
            }
        }

        if (attributes.Count == 0)
        {
            return null;
        }

        var tags = ElementTags(primary, primary.Labels.Where(l => !l.StartsWith("misp:name=", StringComparison.Ordinal) && !l.StartsWith("misp:meta-category=", StringComparison.Ordinal)));
        var first = (JsonObject)attributes[0]!;
        first["Tag"] = tags;
        first["Galaxy"] = Galaxies(items.SelectMany(i => _galaxiesOf.GetValueOrDefault(i.Id, [])).Distinct(StringComparer.Ordinal).Select(_lookup).OfType<MispExportItem>(), null);
        first["Sighting"] = Sightings(items);
        var misp = new JsonObject
        {
            ["uuid"] = primary.Uuid,
            ["name"] = name,
            ["meta-category"] = custom?.Text("x_misp_meta_category") ?? primary.Label("misp:meta-category") ?? "network",
            ["timestamp"] = Epoch(primary),
            ["distribution"] = Distribution(primary, eventDistribution),
            ["comment"] = custom?.Text("x_misp_comment") ?? indicator?.Text("description") ?? string.Empty,
            ["deleted"] = false,
            ["Attribute"] = attributes,
            ["ObjectReference"] = ObjectReferences(items),
        };
        Seen(misp, observed);
        return misp;
    }

    /// <summary>An attribute an <c>x-misp-object</c> kept whole.</summary>
    private static JsonObject Kept(JsonElement kept, MispExportItem owner)
    {
        string? Field(string name) => kept.TryGetProperty(name, out var v) ? MispJson.AsText(v) : null;
        var type = Field("type") ?? "text";
        var value = Field("value") ?? string.Empty;
        var attribute = new JsonObject
        {
            ["uuid"] = Field("uuid") ?? MispStix.DerivedUuid($"{owner.Uuid}/{Field("object_relation")}/{value}"),
            ["object_relation"] = Field("object_relation") ?? type,
            ["type"] = type,
            ["category"] = Field("category") ?? MispCategories.Default(type),
            ["value"] = value,
            ["to_ids"] = kept.TryGetProperty("to_ids", out var ids) && ids.ValueKind == JsonValueKind.True,
            ["timestamp"] = Epoch(owner),
            ["distribution"] = "5",
            ["deleted"] = false,
        };
        foreach (var optional in new[] { "comment", "data" })
        {
            if (Field(optional) is { } text)
            {
                attribute[optional] = text;
            }
        }

        return attribute;
    }

    private JsonArray ObjectReferences(List<MispExportItem> items)
    {
        var array = new JsonArray();
        var ids = items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var relationship in _references.Where(r => ids.Contains(r.Text("source_ref")!)))
        {
            var target = relationship.Text("target_ref")!;
            array.Add(new JsonObject
            {
                ["uuid"] = relationship.Uuid,
                ["object_uuid"] = items[0].Uuid,
                ["referenced_uuid"] = target[(target.IndexOf("--", StringComparison.Ordinal) + 2)..],
                ["relationship_type"] = relationship.Text("relationship_type"),
                ["timestamp"] = Epoch(relationship),
                ["comment"] = string.Empty,
                ["deleted"] = false,
            });
        }

        return array;
    }
}
