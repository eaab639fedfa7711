using System.Text;
using Concord.Intel.Features.Explore;

namespace Concord.Intel.Tests;

public class VersionDifferTests
{
    private static ReadOnlyMemory<byte> Json(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Compare_EqualJsonWrittenDifferently_HasNoChanges() =>
        Assert.Empty(VersionDiffer.Compare(Json("""{"a":"caf\u00e9","n":[1,2]}"""), Json("""{ "n": [1, 2], "a": "café" }""")));

    [Fact]
    public void Compare_NestedChange_ReportsTheTopLevelPropertyWhole()
    {
        var change = Assert.Single(VersionDiffer.Compare(Json("""{"ext":{"x":{"k":1}}}"""), Json("""{"ext":{"x":{"k":2}}}""")));

        Assert.Equal(new PropertyChange("ext", PropertyChangeKind.Changed, """{"x":{"k":1}}""", """{"x":{"k":2}}"""), change);
    }
}
