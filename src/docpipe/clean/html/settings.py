"""Every numeric threshold of HTML main-content detection, in one frozen settings object.

Each field says which pass reads it and the case behind its value (tuned on the tuning halves of
the dev sets as a whole, never per site). `clean_html(..., settings=...)` takes an instance;
the pipeline passes `Settings.clean` (a `[clean]` table in the TOML config), and evaluation can
sweep any field with `CleanSettings(field=value)` or `DEFAULT.model_copy(update=...)`.
Shares are fractions of a text size; lengths count non-whitespace characters unless a field
says otherwise.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class CleanSettings(BaseModel):
    """Thresholds of the HTML clean stage, grouped by the pass that reads them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # -- parse -----------------------------------------------------------------------------------
    html5_max_tags: int = Field(
        20_000, ge=0,
        description="parse: pages with at most this many '<' are built by the HTML5 algorithm "
        "(lexbor); larger ones are read by libxml2 alone. HTML5 tree building costs tags × "
        "nesting depth (20,000 nested <div>s: 2.8 s), libxml2 caps depth at 256; the largest "
        "dev page has 21,646, 99% of wcxb_dev pages fewer than 17,100",
    )
    noscript_min_share: float = Field(
        0.5, ge=0, le=1,
        description="parse: <noscript> is read as content (not dropped as junk) when it holds "
        "more than this share of the page's text: apps rendered in JavaScript (Discourse "
        "forums) put the whole thread there for readers without it",
    )

    # -- prune: chrome removed by name before any statistics -----------------------------------
    chrome_spare_share: float = Field(
        0.5, ge=0, le=1,
        description="prune: a chrome-named subtree (nav/aside/footer, class/id hints, hidden) holding "
        "more than this share of the page's text is a mislabelled wrapper and is kept "
        "('m-advertisement-off-canvas--pusher' around a whole article, 'penci_sidebar' container "
        "classes)",
    )
    chrome_spare_max_link_density: float = Field(
        0.5, ge=0, le=1,
        description="prune: ... and only when less than this share of its text is link text (a "
        "big mega-menu is still chrome)",
    )

    wrapper_content_share: float = Field(
        0.5, ge=0, le=1,
        description="prune: a nav/aside/footer element holding most of the page is spared (a "
        "wrapper of the article) only when it holds the h1 or its content-named elements hold "
        "more than this share of its text (wcxb_dev tuning 0193: a <footer> of a service "
        "area's city names, 60% of the page, was kept for a 'text-bold' label in it)",
    )
    link_widget_max_link_density: float = Field(
        0.2, ge=0, le=1,
        description="prune: a subtree named only as a link widget (skip link, breadcrumbs, pager, "
        "rss, tag cloud: patterns.HTML_LINK_WIDGET_TOKENS) with at least paragraph_min_chars of "
        "text, at most this share of it link text, is not that widget and is kept (wcxb_dev "
        "tuning 4233: an article's sections named 'skip-item')",
    )
    disclosure_max_link_density: float = Field(
        0.3, ge=0, le=1,
        description="prune: a hidden element that is a collapsed panel (tab panel, aria-controls "
        "target, answer/accordion/collapse class, React streamed segment) and not named chrome "
        "is content when at most this share of its text is link text (a hidden dropdown of links "
        "is a menu; wcxb_dev tuning 0132's FAQ answers, 0242's tabs are text)",
    )
    thread_min_posts: int = Field(
        3, ge=1,
        description="prune: comment-named siblings (every post named 'comment', under a list "
        "that is not) are a thread's posts, not chrome, when there are at least this many ... "
        "(old.reddit's 'thing comment' divs, slashdot's 'comment full' items on wcxb_dev "
        "tuning forums: pruning them left the subreddit sidebar or the story's first lines)",
    )
    thread_min_share: float = Field(
        0.3, ge=0, le=1,
        description="prune: ... and they hold more than this share of the page's text, with "
        "less link text than chrome_spare_max_link_density (a few short comments under an "
        "article stay chrome)",
    )

    recommendation_boxes: bool = Field(
        True,
        description="prune: a section opening with a recommendation carousel's title "
        "(patterns.HTML_RECOMMENDATION_HEADING: 'Similar items', 'You may also like') and holding "
        "at most chrome_spare_share of the page's text is chrome (prune.recommendation_boxes; "
        "wcxb_dev tuning 3021, 2991, 3019: eBay's 'Similar items' region was chosen as the "
        "content of the item page)",
    )
    recommendation_heading_max_chars: int = Field(
        60, ge=0,
        description="prune: ... the heading is a short title (non-whitespace characters), not a "
        "sentence that happens to start 'Related products …'",
    )

    api_signatures: bool = Field(
        True,
        description="prune: a definition term (<dt>) named only by signature tokens "
        "(patterns.HTML_SIGNATURE_TOKENS: Sphinx's 'sig sig-object py') is an API reference's "
        "signature, kept, not a forum signature (wcxb_dev tuning 0661: Django's middleware "
        "reference lost its 22 'class ...Middleware [source]' lines)",
    )

    # -- class/id hints -------------------------------------------------------------------------
    content_hint_weight: float = Field(
        1.25, gt=1,
        description="selection: score factor of a container whose class/id names content "
        "('post-content', 'article-body') and no chrome",
    )
    chrome_hint_weight: float = Field(
        0.5, gt=0, lt=1,
        description="selection: score factor of a container whose class/id names chrome "
        "('left-side', 'header') and no content: a layout column may still hold the article, so "
        "it is scored down, not removed",
    )

    # -- statistics: data tables ----------------------------------------------------------------
    data_table_min_rows: int = Field(
        2, ge=1, description="a table with fewer rows is layout, not data (a one-row wrapper)"
    )
    data_table_min_cells: int = Field(
        4, ge=1, description="a table with fewer td/th cells is layout, not data"
    )
    data_table_max_cell_chars: float = Field(
        120, gt=0,
        description="a data table's cells average fewer characters than this; a layout table "
        "holding the page has paragraph-sized cells",
    )

    # -- selection: scoring ---------------------------------------------------------------------
    min_scoring_chars: int = Field(
        8, ge=0,
        description="selection: a block with less inline non-link text scores nothing (buttons, "
        "captions, dates)",
    )
    punct_weight: int = Field(
        6, ge=0,
        description="selection: each punctuation mark counts like this many characters: running "
        "text is punctuated, menus and link lists are not",
    )
    ancestor_weights: tuple[float, ...] = Field(
        (1.0, 0.5, 0.2), min_length=1,
        description="selection: a block's score goes to its parent, grandparent and "
        "great-grandparent with these weights (readability's decay: the tightest container of "
        "the paragraphs wins)",
    )

    # -- selection: climbing to an enclosing container ------------------------------------------
    climb_max_steps: int = Field(
        3, ge=0,
        description="selection: levels the best container may climb (content split across cousin "
        "containers: a lead paragraph cell and a table cell below it)",
    )
    climb_max_growth: float = Field(
        2.5, gt=0,
        description="selection: no climb to a parent with more than this many times the "
        "container's non-link text (the parent would swamp the body with other content)",
    )
    climb_max_growth_table: float = Field(
        4.0, gt=0,
        description="selection: the same limit for a table/td parent: old table layouts spread "
        "one article over cells of very different sizes",
    )
    climb_max_extra_link_density: float = Field(
        0.25, ge=0, le=1,
        description="selection: no climb when more than this share of what the parent adds is "
        "link text (a menu or link list next to the body)",
    )
    climb_min_punct_ratio: float = Field(
        0.5, ge=0,
        description="selection: no climb when what the parent adds has less than this share of "
        "the container's punctuation density (not running text)",
    )
    climb_min_long_text_share: float = Field(
        0.6, ge=0, le=1,
        description="selection: no climb unless this share of what the parent adds sits in "
        "paragraph-sized blocks or data tables (otherwise the extra is headers, datelines, "
        "share bars, bios: short lines)",
    )
    paragraph_min_chars: int = Field(
        60, ge=0,
        description="selection: a block with this much inline non-link text is paragraph-sized "
        "(climbing; a stray sibling paragraph joins the body)",
    )

    # -- selection: widening to siblings --------------------------------------------------------
    sibling_share: float = Field(
        0.2, ge=0,
        description="selection: a sibling of the best container joins it when it scores at least "
        "this share of the best (content split across sibling containers)",
    )
    sibling_min_score: float = Field(
        10.0, ge=0,
        description="selection: ... and at least this score, whatever the best scored (a tiny "
        "best container must not pull in every scrap beside it)",
    )
    sibling_max_link_density: float = Field(
        0.3, ge=0, le=1,
        description="selection: a scoring sibling joins only below this link density",
    )
    sibling_paragraph_max_link_density: float = Field(
        0.25, ge=0, le=1,
        description="selection: a sibling paragraph (p/pre/blockquote or inline text) of "
        "paragraph size joins below this link density",
    )

    # -- selection: repeated records (forum posts, blog posts) ---------------------------------
    records_max_depth: int = Field(
        12, ge=0,
        description="selection: levels above the best container searched for the per-record "
        "wrapper (forum software nests the post body ~10 levels below it)",
    )
    record_max_link_density: float = Field(
        0.5, ge=0, le=1,
        description="selection: a peer record's body is taken below this link density",
    )
    records_resolve_by_class: bool = Field(
        True,
        description="selection: a peer record's body is found by the best record's path of "
        "tag/class/id signatures; where a step's id does not match, the one child of that tag "
        "and first class is taken (forum software ids some post bodies and not others: "
        "Invision Community's 'ips_uid_645_5' on a topic's first post only, wcxb_dev tuning "
        "0543, whose reply was lost)",
    )
    records_min_extra_share: float = Field(
        0.15, ge=0,
        description="selection: the other records together must add at least this share of the "
        "best record's non-link text (a page of teaser boxes is not a thread)",
    )

    thread_replies_min_count: int = Field(
        3, ge=2,
        description="selection: a region after the chosen post holding at least this many "
        "same-shape records named like posts (selection._POST_BODY_TOKENS: 'reply', 'message', "
        "...) is the thread's replies and joins the choice, one post body per record "
        "(forum_zh tuning ruby_china_43661: the topic sits in its own card and its 10 replies "
        "in a sibling card of 'reply' divs whose user panels made the broadened choice too "
        "link-heavy, so all replies were lost; 0 replies kept before)",
    )
    thread_nested_replies: bool = Field(
        True,
        description="selection: a reply record's same-shape descendants (a reply to a reply, "
        "nested inside it) count and join as posts of the thread (forum_zh tuning "
        "nanshengbbs_1102: a topic's one comment and the poster's answer nested in it)",
    )
    lost_thread_replies_min_count: int = Field(
        2, ge=2,
        description="page: in the lost-thread re-read (lost_thread_*: the page is known to be a "
        "thread, its comment box holds several times what it gave) this many reply records "
        "suffice for thread_replies_min_count (forum_zh tuning nanshengbbs_1102: a topic with "
        "two replies, one nested in the other; the page gave the opening post alone)",
    )
    thread_replies_max_levels: int = Field(
        3, ge=0,
        description="selection: ... the region is searched in the following siblings of the "
        "chosen container and of up to this many of its ancestors",
    )

    # -- selection: coverage (no fragments, no empty pages) ------------------------------------
    coverage_min_share: float = Field(
        0.6, ge=0, le=1,
        description="selection: a choice holding less than this share of the pruned page's "
        "non-link text is broadened (a service page's sections, a listing's cards: the best one "
        "alone is a fragment; 0 turns broadening off). 0.6 (was 0.5): a listing's intro "
        "paragraphs held just over half the text and its cards of title and summary the rest "
        "(wcxb_dev tuning: 0.843 -> 0.845, service 0.792 -> 0.802, product 0.589 -> 0.594; "
        "scrapinghub_aeb 0.977 -> 0.979, cleaneval_final_en 0.932 -> 0.935 tuning; 0.7 with a "
        "0.75 target gave less)",
    )
    coverage_target_share: float = Field(
        0.7, ge=0, le=1,
        description="selection: the broadened choice is the lowest enclosing container holding "
        "at least this share of the page's non-link text (else the whole pruned body); above "
        "coverage_min_share so that a broadened choice holds clearly more than one it replaces",
    )
    own_links: bool = Field(
        True,
        description="selection, inner chrome, emission: a heading's in-page permalink and a linked "
        "definition term followed by its description are the content's own text, not link text, "
        "when a choice is broadened, a box is judged a link box and a term's block is filtered "
        "(statistics.OWN_LINK_HOLDERS; an MDN reference page's sections and members, wcxb_dev "
        "tuning 2993)",
    )
    own_term_min_description_chars: int = Field(
        20, ge=0,
        description="... a linked <dt> counts as a term only when the <dd> after it holds at least "
        "this many characters (a reference member's one-line description; a footer's <dl> menu has "
        "no descriptions)",
    )
    coverage_max_extra_link_density: float = Field(
        0.2, ge=0, le=1,
        description="selection: ... and only when what it adds to the choice has less link text "
        "than this share (the teasers around a news article are headline links with a line of "
        "summary; a service page's other sections are not)",
    )

    # -- selection: card regions (listings, category pages) ---------------------------------
    cards_min_count: int = Field(
        3, ge=2,
        description="selection: a card region has at least this many same-shape children (tag "
        "and first class) with text",
    )
    cards_min_share: float = Field(
        0.6, ge=0, le=1,
        description="selection: the cards together hold at least this share of the pruned page's "
        "text (link text included: a listing's cards are links) ...",
    )
    cards_intro_min_chars: int = Field(
        200, ge=0,
        description="selection: when a card region replaces the rules' choice, a chosen subtree "
        "outside the region with at least this much text is kept beside it (a category page's "
        "description above its product grid: wcxb_dev tuning 4280 lost it, F1 0.105)",
    )
    cards_intro_max_link_density: float = Field(
        0.3, ge=0, le=1,
        description="selection: ... when at most this share of its text is link text",
    )
    cards_min_growth: float = Field(
        2.0, ge=1,
        description="selection: ... and at least this many times the text of the rules' choice "
        "(an article whose teasers outweigh it is chosen whole already and keeps its choice); "
        "tuned on wcxb_dev's tuning listings and collections (one card or an intro chosen)",
    )
    cards_min_link_share: float = Field(
        0.2, ge=0, le=1,
        description="selection: ... and at least this share of the cards' text is link text "
        "(cards link to what they list; a page of repeated text sections is not a listing)",
    )
    cards_max_top_share: float = Field(
        0.7, gt=0, le=1,
        description="selection: ... and no card holds more than this share of the cards' text "
        "(a listing's cards are alike; a short article in the first of four layout boxes, with "
        "teasers in the others, is not a listing: scrapinghub's 'left-side' article page)",
    )
    cards_headline_max_gap: int = Field(
        2, ge=0,
        description="selection: ... and the page's h1, when outside the region, meets the choice "
        "at most this many levels below where it meets the region (a headline that sits with "
        "the choice, far from the region, marks an article beside a side column: daniel_zh's "
        "163.com pages, scrapinghub's right-rail page; a listing's h1 is one or two levels "
        "from its grid) ...",
    )
    cards_max_ideograph_share: float = Field(
        0.3, ge=0, le=1,
        description="selection: ... and the choice's text is not mostly CJK ideographs: the "
        "Chinese dev sets (news articles, forum threads) hold no listing, and their portals' "
        "side columns of link-list modules take the card shape next to short articles (163.com "
        "on daniel_zh tuning; daniel_zh validation fell 0.936 -> 0.925 with card regions on "
        "Chinese pages); card regions were tuned on English listings only ...",
    )
    cards_max_links: float = Field(
        10, ge=0,
        description="selection: ... and the cards carry at most this many links each on average "
        "(a card links its title, image, category; a news portal's side column of link-list "
        "modules repeats its shape too, with twenty links a module) ...",
    )
    cards_long_run: int = Field(
        20, ge=2,
        description="selection: ... unless there are at least this many of them (an index page's "
        "long run of link lists, a list of languages by letter, is the listing itself)",
    )

    repeat_min_chars: int = Field(
        40, ge=1,
        description="filter: a block of at least this many characters whose text repeats an "
        "earlier block's exactly may be a responsive copy (one box shipped for wide and narrow "
        "screens: 'product-description hidden-down-md' and '… hidden-up-md' side by side) ...",
    )
    repeat_max_levels: int = Field(
        3, ge=0,
        description="filter: ... it is one, and dropped, when the two blocks meet at most this "
        "many ancestors above each, below that meeting point in two different boxes of the same "
        "text (0 or 1 turns the check off: a copied box holds its blocks below its root; a "
        "line repeated in each day's list of a workout plan, wcxb_dev tuning 4116, sits in "
        "lists that differ)",
    )

    # -- emission: a product's JSON-LD description ---------------------------------------------
    product_drop_reviews: bool = Field(
        True,
        description="filter: on a page whose JSON-LD declares a Product, blocks inside customer "
        "reviews (class/id token review(s), itemprop=review) are left out: buyers' comments, "
        "not the product's content (wcxb_dev tuning product pages)",
    )
    product_description_min_chars: int = Field(
        40, ge=0,
        description="emission: a JSON-LD Product description shorter than this is a tagline, "
        "never added to the content",
    )
    product_description_max_shown: float = Field(
        0.5, ge=0, le=1,
        description="emission: the JSON-LD description is added when the emitted blocks hold "
        "less text than it and fewer than this share of its words (a shop renders the "
        "description in a script or tab the tree lacks: wcxb_dev's sock page gave one line)",
    )

    lost_thread_max_chars: int = Field(
        200, ge=0,
        description="page: a page whose blocks hold less than this many characters while a box "
        "pruned as its comment section holds lost_thread_min_growth times as much text is read "
        "again with the box kept: a thread whose posts sit in a wrapper named 'comments' "
        "(wcxb_dev tuning 0543, an Invision Community topic of two posts: the page gave its "
        "header, 121 characters, and its 1,727-character posts were pruned)",
    )
    lost_thread_min_growth: float = Field(
        4.0, ge=0,
        description="page: ... the comment-named box holds at least this many times the "
        "characters the page gave, less than chrome_spare_max_link_density of it links "
        "(0: the pass is off)",
    )
    fallback_min_chars: float = Field(
        200, ge=0,
        description="page: a page with at least this much text (after junk is dropped) whose "
        "choice emits nothing is read again more broadly (the pruned body, then the page "
        "unpruned): empty_body is for pages without running text",
    )

    # -- prune inside the chosen content --------------------------------------------------------
    inner_weak_max_share: float = Field(
        0.3, ge=0, le=1,
        description="inner chrome: a weakly chrome-named element (tags, byline, tools) inside the "
        "content is skipped when it holds less than this share of the content's text ...",
    )
    inner_weak_max_link_density: float = Field(
        0.3, ge=0, le=1,
        description="inner chrome: ... or when more than this share of its text is link text",
    )
    inner_linkbox_min_link_density: float = Field(
        0.6, ge=0, le=1,
        description="inner chrome: a list/table/div/section/aside/form with more link text than "
        "this share is a link box (related links embedded in the article) ...",
    )
    inner_linkbox_max_share: float = Field(
        0.3, ge=0, le=1,
        description="inner chrome: ... when it holds less than this share of the content's text",
    )
    inner_headed_min_link_density: float = Field(
        0.3, ge=0, le=1,
        description="inner chrome: a block opening with a link-box header (相关/推荐/版权/Related …) "
        "is skipped above this link density ...",
    )
    inner_headed_max_share: float = Field(
        0.25, ge=0, le=1,
        description="inner chrome: ... when it holds less than this share of the content's text",
    )
    inner_header_chars: int = Field(
        12, ge=1, description="inner chrome: leading characters of a block tested for a link-box header"
    )
    quote_repeat_min_share: float = Field(
        0.8, ge=0, le=1,
        description="inner chrome: a <blockquote> inside the chosen "
        "content is a reply's copy of an earlier post, and skipped, when at least this share of "
        "its text is lines found word for word in the content outside quotes (forum threads: "
        "phpBB's 'X wrote:', XenForo's 'X said:', NodeBB's '@X said in …:' quote the post they "
        "answer, and WCXB's truth leaves the copies out — wcxb_dev tuning 0540, 0513, 0552)",
    )
    quote_repeat_min_chars: int = Field(
        20, ge=1,
        description="inner chrome: ... a line of the quote counts only from this many characters "
        "(a one-word line such as 'Thanks' is found anywhere; the attribution 'X said:' and "
        "XenForo's 'Click to expand...' are no part of the copy)",
    )

    # -- emission --------------------------------------------------------------------------------
    max_walk_depth: int = Field(
        400, ge=1,
        description="emission: nesting depth below which a subtree is flattened to its text "
        "(libxml2 caps HTML nesting at 256, and at 2,048 when parse reads a page that hit that cap "
        "again in huge-tree mode; this is a recursion guard)",
    )
    title_window_chars: int = Field(
        200, ge=0,
        description="filter: a repeat of the page title is dropped only before this much body "
        "text has been emitted (the headline above the article)",
    )
    title_repeat_max_factor: int = Field(
        3, ge=0,
        description="filter: a block longer than factor × title length + slack is never a title "
        "repeat",
    )
    title_repeat_slack: int = Field(10, ge=0, description="filter: see title_repeat_max_factor")
    title_heading_min_share: float = Field(
        0.6, ge=0, le=1,
        description="filter: a heading contained in the title is its repeat when it is longer "
        "than this share of the title ('Headline' of 'Headline | Site')",
    )
    max_block_link_density: float = Field(
        0.7, ge=0, le=1,
        description="filter: paragraphs / list items whose text is more than this share link "
        "text are navigation. 0.7 (was 0.5): a reference list's entries (authors, title, the "
        "journal linked), sentences linking the places they name and a guide's lists of linked "
        "steps are content inside the chosen container, which has dropped its link boxes already "
        "(tuning halves: wcxb_dev 0.8635 -> 0.8646, 84 pages moved, 0348's references 0.880 -> "
        "0.960; cleaneval_final_en 0.9367 -> 0.9379, cwced_zh 0.9706 -> 0.9710, scrapinghub_aeb "
        "and daniel_zh unchanged; 0.6 gave less on wcxb_dev and cleaneval_final_en)",
    )
    pasted_urls_are_text: bool = Field(
        True,
        description="filter: a link whose whole text is a URL with a path (patterns."
        "HTML_PASTED_URL, an address a poster pasted and the software linked) counts as text, "
        "not link text, in its block's link density (forum_zh tuning flarum_cn_15448: the "
        "opening post's '对应文档：https://help.aliyun.com/…' and its project URL were dropped "
        "as navigation)",
    )
    max_heading_link_density: float = Field(
        0.6, ge=0, le=1, description="filter: headings above this link density are link-list titles"
    )
    chrome_line_max_chars: int = Field(
        60, ge=0,
        description="filter: a block shorter than this matching the chrome-line pattern (字体 "
        "大中小, 责任编辑：, share this, ©) is dropped",
    )
    byline_window_chars: int = Field(
        150, ge=0,
        description="filter: a byline/dateline is dropped only before this much body text "
        "(under the title; metadata has read it)",
    )
    byline_max_chars: int = Field(
        120, ge=0, description="filter: a byline/dateline block is shorter than this (characters)"
    )
    author_line_max_chars: int = Field(
        40, ge=0, description="filter: an author-credit line is shorter than this (characters)"
    )
    comments_heading_min_body_chars: int = Field(
        200, ge=0,
        description="filter: a heading naming the readers' comments (patterns.HTML_COMMENTS_HEADING: '评论', "
        "'网友评论 (12)') after at least this much body text ends the content, the blocks below it are the "
        "comments (cwced_zh tuning 54e89e4e read without its class names); 0 turns it off",
    )
    trailing_header_max_chars: int = Field(
        30, ge=0,
        description="filter: a short link-box header ('相关阅读', '分享到') left at the end of the "
        "content is dropped below this length (characters)",
    )

    # -- selection: the learned block scorer (clean/learned.py) ---------------------------------
    # The defaults are the decision benchmarks/train_block_model.py chose on held-out tuning
    # sites for the shipped model (stored beside its trees in docpipe/data/block_model.json; a
    # test keeps the two equal).
    learned: bool = Field(
        True,
        description="selection: let the learned block scorer judge the pages where the rules' "
        "containers hold little of the text (False: the rules alone)",
    )
    learned_gate: float = Field(
        0.2, ge=0, le=1,
        description="selection: the model judges a page only when the rules emitted less than "
        "this share of its text (a service page's one section, a thread's one post); elsewhere "
        "the rules' blocks stand and the page costs nothing more",
    )
    learned_add: float = Field(
        0.7, ge=0, le=1,
        description="selection: on a judged page, a block the rules left out joins when the "
        "model gives it at least this probability of being content",
    )
    learned_drop: float = Field(
        0.2, ge=0, le=1,
        description="selection: on a judged page, a block the rules emitted is dropped when the "
        "model gives it less than this probability",
    )


DEFAULT = CleanSettings()
