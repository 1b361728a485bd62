using PakAzBot.Core.Languages;

namespace PakAzBot.Tests.Languages;

/// <summary>Every language the bot replies in, as xunit theory data.</summary>
public static class EachLanguage
{
    public static TheoryData<Language> All() => [.. LanguageCodes.All];
}
