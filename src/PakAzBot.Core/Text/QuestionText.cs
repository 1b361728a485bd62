namespace PakAzBot.Core.Text;

/// <summary>The one place a question's text is cleaned before answering; every surface's question passes here.</summary>
public static class QuestionText
{
    public static string Normalize(string question) => Answering.Answerer.Clean(question ?? "");
}
