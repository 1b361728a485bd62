using System.Text;
using System.Text.Json;
using PakAzBot.Core.Serving;

namespace PakAzBot.Tests.Serving;

/// <summary>
/// A body whose strings cannot be read is refused, with a reason, before any surface reads it: JSON that parses can
/// still hold a lone UTF-16 surrogate escape, on which every later GetString() would throw.
/// </summary>
public sealed class BodyParsingTests
{
    public static TheoryData<string> LoneSurrogates => new()
    {
        "{\"question\":\"\\ud800\"}",
        "{\"question\":\"a\\udc00b\"}",
        "{\"question\":\"\\ud800\\ud800\"}",
        "{\"question\":\"\\udfff\\ud800\"}",
        "{\"\\ud800\":\"x\"}",
        "{\"data\":{\"options\":[{\"value\":\"\\uDBFF\"}]}}",
        "[\"ok\",\"\\ud83d\"]",
    };

    [Theory]
    [MemberData(nameof(LoneSurrogates))]
    public void ABodyWithALoneSurrogateEscapeIsRefusedWithAReason(string body)
    {
        var parsed = BoundedBody.TryParseJson(Encoding.UTF8.GetBytes(body), out var document, out var problem);

        Assert.False(parsed);
        Assert.Null(document);
        Assert.NotEmpty(problem);
        Assert.Null(BoundedBody.ParseJson(Encoding.UTF8.GetBytes(body)));
    }

    [Theory]
    [InlineData("{\"question\":\"\\ud83d\\ude00 When did Pakistan recognize Azerbaijan?\"}")]
    [InlineData("{\"question\":\"Bak\\u0131 \\u00e9\"}")]
    [InlineData("{\"question\":\"plain\"}")]
    public void AWholeSurrogatePairAndOtherEscapesAreAccepted(string body)
    {
        Assert.True(BoundedBody.TryParseJson(Encoding.UTF8.GetBytes(body), out var document, out _));
        using (document)
        {
            Assert.NotNull(document.RootElement.GetProperty("question").GetString());
        }
    }

    [Fact]
    public void BadUtf8AndBadJsonAreRefusedWithDifferentReasons()
    {
        Assert.False(BoundedBody.TryParseJson([.. "{\"question\":\""u8, 0xFF, .. "\"}"u8], out _, out var notUtf8));
        Assert.False(BoundedBody.TryParseJson("{not json"u8.ToArray(), out _, out var notJson));

        Assert.NotEqual(notUtf8, notJson);
    }
}
