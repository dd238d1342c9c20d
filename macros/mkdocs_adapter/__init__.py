"""Everything that touches MkDocs or Material: the build's events, page and file objects, dirty rebuilds, the theme
contract and staging. Nothing outside this package imports MkDocs."""
