using System.Text;

namespace Ml.Sdk.Monitoring.Reports.Internal;

/// <summary>Appends text to HTML, escaped so that it can sit in element content and in quoted attribute values alike.</summary>
internal static class HtmlText
{
    public static StringBuilder AppendEscaped(this StringBuilder builder, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return builder;
        }

        foreach (char c in text)
        {
            switch (c)
            {
                case '&':
                    builder.Append("&amp;");
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '"':
                    builder.Append("&quot;");
                    break;
                case '\'':
                    builder.Append("&#39;");
                    break;
                case '\0':
                    // HTML parsers drop or replace NUL anyway; the replacement character keeps the text visibly damaged rather than silently shortened.
                    builder.Append('\uFFFD');
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder;
    }
}
