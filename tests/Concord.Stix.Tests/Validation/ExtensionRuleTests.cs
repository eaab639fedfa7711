using System.Text.Json.Nodes;

namespace Concord.Stix.Tests.Validation;

public class ExtensionRuleTests
{
    [Fact]
    public void Validate_NewSdoExtensionOnStandardType_ReportsExtensionContent() =>
        Stix.HasError(Stix.Mutate("malware", o => o["extensions"] = new JsonObject
        {
            ["extension-definition--a932fcc6-e032-476c-826f-cb970a5a1ade"] = new JsonObject { ["extension_type"] = "new-sdo" },
        }), "extension-content", "$.extensions['extension-definition--a932fcc6-e032-476c-826f-cb970a5a1ade'].extension_type");

    [Fact]
    public void Validate_NewSdoExtensionOnCustomType_IsAllowed() =>
        Stix.Clean(Stix.Validate("""{"type":"my-favorite-sdo","spec_version":"2.1","id":"my-favorite-sdo--ac97aae4-83f1-46ca-a351-7aeb76678189","created":"2014-02-20T09:16:08.989Z","modified":"2014-02-20T09:16:08.989Z","name":"This is the name of my favorite","some_property_name1":"value1","extensions":{"extension-definition--9c59fd79-4215-4ba2-920d-3e4f320e1e62":{"extension_type":"new-sdo"}}}"""));

    [Fact]
    public void Validate_ShortDictionaryKeyInHashes_ReportsDictionaryKey() =>
        Stix.HasError(Stix.Mutate("file", o => o["hashes"] = new JsonObject { ["md"] = "x" }), "dictionary-key", "$.hashes.md");
}
