/**
 * The stand-in's checks on what a bot sends, following Discord's published limits. Written separately
 * from the bot's own packer (src/render/paging.ts) so that the tests do not grade the bot with its own
 * ruler. A problem found here makes the stand-in answer 400 Invalid Form Body, as Discord would.
 */

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const len = (v: unknown): number => (typeof v === 'string' ? [...v].length : 0);

/** Problems with a message body (interaction response data, webhook execute or edit). */
export function messageProblems(body: unknown, options: { partial: boolean }): string[] {
  const problems: string[] = [];
  if (!isObject(body)) return ['body is not an object'];

  if (body.content !== undefined && body.content !== null) {
    if (typeof body.content !== 'string') problems.push('content must be a string');
    else if (len(body.content) > 2000) problems.push(`content: ${len(body.content)} characters > 2000`);
  }

  const embeds = body.embeds;
  if (embeds !== undefined && embeds !== null) {
    if (!Array.isArray(embeds)) problems.push('embeds must be an array');
    else {
      if (embeds.length > 10) problems.push(`embeds: ${embeds.length} > 10`);
      let total = 0;
      embeds.forEach((embed: unknown, i) => {
        if (!isObject(embed)) return problems.push(`embeds[${i}] is not an object`);
        const title = len(embed.title);
        const description = len(embed.description);
        const footer = isObject(embed.footer) ? len(embed.footer.text) : 0;
        const author = isObject(embed.author) ? len(embed.author.name) : 0;
        if (title > 256) problems.push(`embeds[${i}].title: ${title} > 256`);
        if (description > 4096) problems.push(`embeds[${i}].description: ${description} > 4096`);
        if (footer > 2048) problems.push(`embeds[${i}].footer.text: ${footer} > 2048`);
        if (author > 256) problems.push(`embeds[${i}].author.name: ${author} > 256`);
        if (embed.url !== undefined && !/^https?:\/\//.test(str(embed.url) ?? '')) problems.push(`embeds[${i}].url is not http(s)`);
        total += title + description + footer + author;
        const fields = embed.fields;
        if (fields !== undefined) {
          if (!Array.isArray(fields)) return problems.push(`embeds[${i}].fields must be an array`);
          if (fields.length > 25) problems.push(`embeds[${i}].fields: ${fields.length} > 25`);
          fields.forEach((field: unknown, j) => {
            if (!isObject(field)) return problems.push(`embeds[${i}].fields[${j}] is not an object`);
            const name = len(field.name);
            const value = len(field.value);
            if (name === 0 || name > 256) problems.push(`embeds[${i}].fields[${j}].name: length ${name} not in 1..256`);
            if (value === 0 || value > 1024) problems.push(`embeds[${i}].fields[${j}].value: length ${value} not in 1..1024`);
            total += name + value;
          });
        }
      });
      if (total > 6000) problems.push(`embeds: ${total} characters in all > 6000`);
    }
  }

  const components = body.components;
  if (components !== undefined && components !== null) {
    if (!Array.isArray(components)) problems.push('components must be an array');
    else {
      if (components.length > 5) problems.push(`components: ${components.length} rows > 5`);
      const ids = new Set<string>();
      components.forEach((row: unknown, i) => {
        if (!isObject(row) || row.type !== 1 || !Array.isArray(row.components)) return problems.push(`components[${i}] is not an action row`);
        if (row.components.length < 1 || row.components.length > 5) problems.push(`components[${i}]: ${row.components.length} buttons not in 1..5`);
        row.components.forEach((button: unknown, j) => {
          if (!isObject(button) || button.type !== 2) return problems.push(`components[${i}][${j}] is not a button`);
          const id = str(button.custom_id);
          if (button.style !== 5) {
            if (!id || len(id) > 100) problems.push(`components[${i}][${j}].custom_id: length not in 1..100`);
            else if (ids.has(id)) problems.push(`components[${i}][${j}].custom_id duplicated`);
            else ids.add(id);
          }
          if (len(button.label) > 80) problems.push(`components[${i}][${j}].label > 80`);
          if (button.style !== 6 && len(button.label) === 0 && !(isObject(button.emoji) && (str(button.emoji.name) || str(button.emoji.id)))) {
            problems.push(`components[${i}][${j}] needs a label or an emoji`);
          }
        });
      });
    }
  }

  const mentions = body.allowed_mentions;
  if (mentions !== undefined && mentions !== null) {
    if (!isObject(mentions)) problems.push('allowed_mentions must be an object');
    else if (mentions.parse !== undefined) {
      if (!Array.isArray(mentions.parse) || mentions.parse.some((p) => !['roles', 'users', 'everyone'].includes(String(p)))) {
        problems.push('allowed_mentions.parse must list roles, users or everyone');
      }
    }
  }

  if (!options.partial) {
    const empty =
      !str(body.content) &&
      !(Array.isArray(embeds) && embeds.length > 0) &&
      !(Array.isArray(components) && components.length > 0) &&
      !(Array.isArray(body.attachments) && body.attachments.length > 0) &&
      body.poll === undefined;
    if (empty) problems.push('Cannot send an empty message');
  }
  return problems;
}

/** Problems with the data of a MODAL callback (type 9): Labels holding a text input or a string select, and text displays. */
export function modalProblems(data: unknown): string[] {
  if (!isObject(data)) return ['data is not an object'];
  const problems: string[] = [];
  const id = len(data.custom_id);
  if (id < 1 || id > 100) problems.push(`custom_id: length ${id} not in 1..100`);
  const title = len(data.title);
  if (title < 1 || title > 45) problems.push(`title: length ${title} not in 1..45`);
  if (!Array.isArray(data.components) || data.components.length < 1 || data.components.length > 5) {
    return [...problems, 'components: between 1 and 5 are needed'];
  }
  const ids = new Set<string>();
  data.components.forEach((top: unknown, i) => {
    const at = `components[${i}]`;
    if (!isObject(top)) return problems.push(`${at} is not an object`);
    if (top.type === 10) {
      const content = len(top.content);
      if (content < 1 || content > 4000) problems.push(`${at}.content: length ${content} not in 1..4000`);
      return;
    }
    if (top.type !== 18) return problems.push(`${at}: type ${String(top.type)} is not a label or a text display (action rows in modals are deprecated)`);
    const label = len(top.label);
    if (label < 1 || label > 45) problems.push(`${at}.label: length ${label} not in 1..45`);
    if (len(top.description) > 100) problems.push(`${at}.description > 100`);
    const c = top.component;
    if (!isObject(c)) return problems.push(`${at}.component is missing`);
    const cid = str(c.custom_id) ?? '';
    if (len(cid) < 1 || len(cid) > 100) problems.push(`${at}.component.custom_id: length not in 1..100`);
    else if (ids.has(cid)) problems.push(`${at}.component.custom_id duplicated`);
    ids.add(cid);
    if (c.disabled !== undefined) problems.push(`${at}.component: modals cannot hold disabled components`);
    if (c.type === 4) {
      if (c.style !== 1 && c.style !== 2) problems.push(`${at}.component.style must be 1 or 2`);
      if (c.label !== undefined) problems.push(`${at}.component.label: a text input in a label takes the label's text`);
      const min = typeof c.min_length === 'number' ? c.min_length : 0;
      const max = typeof c.max_length === 'number' ? c.max_length : 4000;
      if (min < 0 || min > 4000 || max < 1 || max > 4000 || min > max) problems.push(`${at}.component: min_length ${min} / max_length ${max} out of range`);
      if (len(c.value) > max) problems.push(`${at}.component.value longer than max_length`);
      if (len(c.placeholder) > 100) problems.push(`${at}.component.placeholder > 100`);
      return;
    }
    if (c.type === 3) {
      const options = c.options;
      if (!Array.isArray(options) || options.length < 1 || options.length > 25) return problems.push(`${at}.component.options: 1 to 25 are needed`);
      const values = new Set<string>();
      let defaults = 0;
      options.forEach((o: unknown, j) => {
        if (!isObject(o)) return problems.push(`${at}.component.options[${j}] is not an object`);
        const l = len(o.label);
        const v = str(o.value) ?? '';
        if (l < 1 || l > 100) problems.push(`${at}.component.options[${j}].label: length ${l} not in 1..100`);
        if (len(v) < 1 || len(v) > 100) problems.push(`${at}.component.options[${j}].value: length not in 1..100`);
        if (values.has(v)) problems.push(`${at}.component.options[${j}].value duplicated`);
        values.add(v);
        if (len(o.description) > 100) problems.push(`${at}.component.options[${j}].description > 100`);
        if (o.default === true) defaults++;
      });
      const required = c.required !== false;
      const minValues = typeof c.min_values === 'number' ? c.min_values : 1;
      const maxValues = typeof c.max_values === 'number' ? c.max_values : 1;
      if (required && c.min_values !== undefined && minValues < 1) problems.push(`${at}.component.min_values must be at least 1 when required`);
      if (minValues < 0 || maxValues < 1 || maxValues > 25 || minValues > maxValues || maxValues > options.length) problems.push(`${at}.component: min_values ${minValues} / max_values ${maxValues} out of range`);
      if (defaults > maxValues) problems.push(`${at}.component: ${defaults} defaults > max_values ${maxValues}`);
      if (len(c.placeholder) > 150) problems.push(`${at}.component.placeholder > 150`);
      return;
    }
    problems.push(`${at}.component: type ${String(c.type)} is not a text input or a string select`);
  });
  return problems;
}

const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Problems with a bulk-overwrite of application commands. */
export function commandProblems(body: unknown): string[] {
  if (!Array.isArray(body)) return ['body must be an array of commands'];
  const problems: string[] = [];
  if (body.length > 100) problems.push(`${body.length} commands > 100`);
  const names = new Set<string>();
  body.forEach((command: unknown, i) => {
    if (!isObject(command)) return problems.push(`[${i}] is not an object`);
    const name = str(command.name) ?? '';
    if (!NAME.test(name) || name !== name.toLowerCase()) problems.push(`[${i}].name "${name}" is not a valid command name`);
    if (names.has(name)) problems.push(`[${i}].name "${name}" is duplicated`);
    names.add(name);
    const description = len(command.description);
    if ((command.type ?? 1) === 1 && (description < 1 || description > 100)) problems.push(`[${i}].description: length ${description} not in 1..100`);
    const options = command.options ?? [];
    if (!Array.isArray(options)) return problems.push(`[${i}].options must be an array`);
    if (options.length > 25) problems.push(`[${i}].options: ${options.length} > 25`);
    let optionalSeen = false;
    options.forEach((option: unknown, j) => {
      if (!isObject(option)) return problems.push(`[${i}].options[${j}] is not an object`);
      if (!NAME.test(str(option.name) ?? '')) problems.push(`[${i}].options[${j}].name is not valid`);
      const d = len(option.description);
      if (d < 1 || d > 100) problems.push(`[${i}].options[${j}].description: length ${d} not in 1..100`);
      if (option.required === true && optionalSeen) problems.push(`[${i}].options[${j}]: required options must come first`);
      if (option.required !== true) optionalSeen = true;
      if (option.autocomplete === true && Array.isArray(option.choices) && option.choices.length > 0) {
        problems.push(`[${i}].options[${j}]: autocomplete and choices are exclusive`);
      }
    });
  });
  return problems;
}

/** Problems with an autocomplete result. */
export function choiceProblems(data: unknown): string[] {
  if (!isObject(data) || !Array.isArray(data.choices)) return ['data.choices must be an array'];
  const problems: string[] = [];
  if (data.choices.length > 25) problems.push(`choices: ${data.choices.length} > 25`);
  data.choices.forEach((choice: unknown, i) => {
    if (!isObject(choice)) return problems.push(`choices[${i}] is not an object`);
    const name = len(choice.name);
    if (name < 1 || name > 100) problems.push(`choices[${i}].name: length ${name} not in 1..100`);
    if (typeof choice.value === 'string' && len(choice.value) > 100) problems.push(`choices[${i}].value: longer than 100`);
  });
  return problems;
}
