using Concord.Access.Authentication;

namespace Concord.Access.Tests;

public class CommonPasswordTests
{
    [Fact]
    public void TheShippedList_HoldsOverAHundredThousandPasswords_AndFindsThemWhateverTheirCase()
    {
        Assert.True(CommonPasswords.Count >= 100_000, $"{CommonPasswords.Count} passwords");
        Assert.True(CommonPasswords.Contains("Password"));
        Assert.True(CommonPasswords.Contains("qwertyuiopasdfgh"));
        Assert.False(CommonPasswords.Contains("seven purple kites over lagos"));
    }
}
