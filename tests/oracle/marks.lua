--[[
Marks what pandoc's citeproc rendered, so that pandoc_oracle.py can split the plain text.

Runs after --citeproc. Each Div whose id is "oracle-cite-N" (one citation) or "ref-KEY"
(one bibliography entry) starts with a paragraph holding only "@@oracle:ID@@", and the
document ends with "@@oracle:end@@". A footnote that a note style made is put back where
its mark was, as ^[text]. Emphasis and strong emphasis are dropped, or wrapped in the
string the ORACLE_EMPHASIS environment variable gives; small capitals become plain text.
]]

local emphasis = os.getenv("ORACLE_EMPHASIS") or ""

local function marker(id)
  return pandoc.Para({ pandoc.Str("@@oracle:" .. id .. "@@") })
end

local function wrapped(inlines)
  if emphasis == "" then
    return inlines
  end
  local result = pandoc.Inlines({ pandoc.Str(emphasis) })
  result:extend(inlines)
  result:insert(pandoc.Str(emphasis))
  return result
end

local function is_marked(id)
  return id:match("^oracle%-cite%-%d+$") or id:match("^ref%-")
end

return {
  {
    Emph = function(el)
      return wrapped(el.content)
    end,
    Strong = function(el)
      return wrapped(el.content)
    end,
    SmallCaps = function(el)
      return el.content
    end,
  },
  {
    Div = function(div)
      if not is_marked(div.identifier) then
        return nil
      end
      div = div:walk({
        Note = function(note)
          local inlines = pandoc.Inlines({ pandoc.Str("^[") })
          inlines:extend(pandoc.utils.blocks_to_inlines(note.content))
          inlines:insert(pandoc.Str("]"))
          return inlines
        end,
      })
      div.content:insert(1, marker(div.identifier))
      return div
    end,
    Pandoc = function(doc)
      doc.blocks:insert(marker("end"))
      return doc
    end,
  },
}
