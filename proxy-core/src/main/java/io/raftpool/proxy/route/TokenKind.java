package io.raftpool.proxy.route;

/** The kinds of token {@link SqlLexer} produces. */
public enum TokenKind {
    /** A run of spaces, tabs, newlines, carriage returns, form feeds or vertical tabs. */
    WHITESPACE,
    /** A {@code --} line comment or a (possibly nested) {@code /* ... *}{@code /} block comment. */
    COMMENT,
    /** An unquoted identifier or keyword, case-folded to lower case. */
    IDENTIFIER,
    /** A {@code "quoted"} or {@code U&"quoted"} identifier; its text is the name with {@code ""} undoubled. */
    QUOTED_IDENTIFIER,
    /** Any string constant: {@code '..'}, {@code E'..'}, {@code U&'..'}, {@code N'..'}, {@code B'..'}, {@code X'..'} or dollar-quoted. */
    STRING,
    /** A numeric constant. */
    NUMBER,
    /** A positional parameter such as {@code $1}. */
    PARAMETER,
    /** An operator such as {@code =}, {@code <>}, {@code ||}, {@code :=} or {@code =>}. */
    OPERATOR,
    /** {@code (} */
    LEFT_PAREN,
    /** {@code )} */
    RIGHT_PAREN,
    /** {@code [} */
    LEFT_BRACKET,
    /** {@code ]} */
    RIGHT_BRACKET,
    /** {@code ,} */
    COMMA,
    /** {@code ;} */
    SEMICOLON,
    /** {@code .} */
    DOT,
    /** {@code :} (array slices) */
    COLON,
    /** {@code ::} */
    TYPECAST,
    /** Any other single character, such as a stray {@code $} or {@code \}. */
    OTHER;

    /** Whether tokens of this kind carry no meaning for the parser (whitespace and comments). */
    public boolean isTrivia() {
        return this == WHITESPACE || this == COMMENT;
    }
}
