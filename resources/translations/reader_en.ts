<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>AnnotationSidebar</name>
    <message numerus="yes">
        <location filename="../../src/reader/ui/sidebar.py" line="+236"/>
        <source>%n highlight(s)</source>
        <translation>
            <numerusform>%n highlight</numerusform>
            <numerusform>%n highlights</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ArticleList</name>
    <message numerus="yes">
        <location filename="../../src/reader/ui/article_model.py" line="+35"/>
        <source>%Ln word(s)</source>
        <translation>
            <numerusform>%Ln word</numerusform>
            <numerusform>%Ln words</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln highlight(s)</source>
        <translation>
            <numerusform>%Ln highlight</numerusform>
            <numerusform>%Ln highlights</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>⚑ %Ln to review</source>
        <translation>
            <numerusform>⚑ %Ln to review</numerusform>
            <numerusform>⚑ %Ln to review</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EntityDetail</name>
    <message numerus="yes">
        <location filename="../../src/reader/ui/entity_panel.py" line="+258"/>
        <source>{name} · in %n shared article(s)</source>
        <translation>
            <numerusform>{name} · in %n shared article</numerusform>
            <numerusform>{name} · in %n shared articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EntityText</name>
    <message numerus="yes">
        <location filename="../../src/reader/ui/entity_model.py" line="+52"/>
        <source>%Ln mention(s)</source>
        <translation>
            <numerusform>%Ln mention</numerusform>
            <numerusform>%Ln mentions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln article(s)</source>
        <translation>
            <numerusform>%Ln article</numerusform>
            <numerusform>%Ln articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportUI</name>
    <message numerus="yes">
        <location filename="../../src/reader/ui/export_ui.py" line="+81"/>
        <source>Copied %n highlight(s) as Markdown</source>
        <translation>
            <numerusform>Copied %n highlight as Markdown</numerusform>
            <numerusform>Copied %n highlights as Markdown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message numerus="yes">
        <location filename="../../src/reader/ui/importer.py" line="+102"/>
        <source>(and %n more)</source>
        <translation>
            <numerusform>(and %n more)</numerusform>
            <numerusform>(and %n more)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../src/reader/ui/main_window.py" line="+338"/>
        <source>%Ln article(s)</source>
        <translation>
            <numerusform>%Ln article</numerusform>
            <numerusform>%Ln articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReaderDocument</name>
    <message numerus="yes">
        <location filename="../../src/reader/ui/document.py" line="+111"/>
        <source>%Ln word(s)</source>
        <translation>
            <numerusform>%Ln word</numerusform>
            <numerusform>%Ln words</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message numerus="yes">
        <location filename="../../src/reader/ui/timeline.py" line="+48"/>
        <source>%n mention(s), {first} – {last}</source>
        <translation>
            <numerusform>%n mention, {first} – {last}</numerusform>
            <numerusform>%n mentions, {first} – {last}</numerusform>
        </translation>
    </message>
</context>
</TS>
