using Concord.Observables;

namespace Concord.Observables.Tests;

internal static class ObservableAssert
{
    public static Observable Parses(ObservableKind kind, string raw)
    {
        var result = Observable.Parse(kind, raw);
        Assert.True(result.IsSuccess, $"'{raw}' was rejected: {result.Error?.Message}");
        return result.Value;
    }

    public static void Normalises(ObservableKind kind, string raw, string expected, ObservableKind? expectedKind = null)
    {
        var observable = Parses(kind, raw);
        Assert.Equal(expected, observable.Value);
        Assert.Equal(expectedKind ?? kind, observable.Kind);
    }

    public static string Rejects(ObservableKind kind, string raw)
    {
        var result = Observable.Parse(kind, raw);
        Assert.False(result.IsSuccess, $"'{raw}' was accepted as {result.Value}");
        Assert.Equal("value", result.Error!.Field);
        return result.Error.Message;
    }
}
